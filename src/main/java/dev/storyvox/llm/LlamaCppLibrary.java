package dev.storyvox.llm;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.engine.NativeBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current llama.cpp library of one folder ({@code libggml-base}, {@code libggml}, {@code libllama} and
 * the ggml backend libraries, as {@code bin/} installs them from npm), bound once per folder. Every library
 * opens {@code RTLD_LOCAL}: whisper's and java-llama.cpp's own ggml copies live in the same process, and
 * none may resolve against another's. The parameter structs are checked against the library's own defaults
 * before anything else is called; a library whose layout differs is refused.
 */
final class LlamaCppLibrary {

  private static final Logger LOG = LoggerFactory.getLogger(LlamaCppLibrary.class);
  private static final Logger NATIVE_LOG = LoggerFactory.getLogger("llama.cpp");
  private static final Pattern LLAMA = Pattern.compile("libllama(\\.v[0-9.]+)?\\.(so|dylib)");
  private static final Pattern GGML = Pattern.compile("libggml(\\.v[0-9.]+)?\\.(so|dylib)");
  private static final Pattern GGML_BASE = Pattern.compile("libggml-base(\\.v[0-9.]+)?\\.(so|dylib)");
  private static final int RTLD_LAZY_LOCAL = 1;
  private static final int PROBE_SIZE = 512;
  private static final byte MARK = (byte) 0xA5;
  private static final int MODEL_PARAMS_SIZE = 80;
  private static final int CONTEXT_PARAMS_SIZE = 160;
  private static final Map<Path, LlamaCppLibrary> OPENED = new HashMap<>();
  private static final LlamaCppApi.LogCallback LOG_CALLBACK = (level, text, data) -> {
    if (text != null && NATIVE_LOG.isDebugEnabled()) {
      NATIVE_LOG.debug(text.getString(0, "UTF-8").stripTrailing());
    }
  };

  private final LlamaCppApi api;
  private final Path folder;
  private final String version;
  private final String gpu;

  private LlamaCppLibrary(LlamaCppApi api, Path folder, String version, String gpu) {
    this.api = api;
    this.folder = folder;
    this.version = version;
    this.gpu = gpu;
  }

  /** The {@code libllama} of this folder, if it has one. */
  static Optional<Path> libraryIn(Path folder) {
    return find(folder, LLAMA);
  }

  /**
   * The library of {@code folder}, bound and checked on the first call.
   *
   * @throws ServiceException MODEL_UNAVAILABLE when it does not load or its struct layout is not v0.5.0's
   */
  static synchronized LlamaCppLibrary open(Path folder) {
    Path dir = folder.toAbsolutePath().normalize();
    LlamaCppLibrary library = OPENED.get(dir);
    if (library == null) {
      library = bind(dir);
      OPENED.put(dir, library);
    }
    return library;
  }

  LlamaCppApi api() {
    return api;
  }

  /** The engine's name and version, e.g. {@code llama.cpp 0.5.0-dev (libllama.v0.5.0.so)}. */
  String describe() {
    return "llama.cpp " + version + " from " + folder + ", " + NativeBackend.label(gpu);
  }

  /** The GPU backend loaded from the folder, or {@code null} for CPU only. */
  String gpu() {
    return gpu;
  }

  String version() {
    return version;
  }

  private static LlamaCppLibrary bind(Path dir) {
    Path llama = libraryIn(dir).orElseThrow(() -> new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
        "no libllama in " + dir));
    Map<String, Object> local = Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL);
    LlamaCppApi api;
    try {
      find(dir, GGML_BASE).ifPresent(base -> NativeLibrary.getInstance(base.toString(), local));
      find(dir, GGML).ifPresent(ggml -> NativeLibrary.getInstance(ggml.toString(), local));
      api = Native.load(llama.toString(), LlamaCppApi.class, local);
    } catch (UnsatisfiedLinkError e) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "llama.cpp library " + llama + " failed to load: "
          + e.getMessage(), e);
    }
    checkLayout(llama, local);
    api.llama_log_set(LOG_CALLBACK, null);
    GgmlApi ggml = Native.load(find(dir, GGML).orElse(llama).toString(), GgmlApi.class, local);
    ggml.ggml_backend_load_all_from_path(dir.toString());
    api.llama_backend_init();
    String version = api.llama_version();
    String info = api.llama_print_system_info().strip();
    LOG.info("llama.cpp {} loaded from {}: {}", version, dir, info);
    return new LlamaCppLibrary(api, dir, version, NativeBackend.gpuIn(info));
  }

  /**
   * Fails unless the library's parameter structs are the ones mirrored here: each default-params function
   * writes exactly the mirror's size (seen through a marked buffer) and its defaults read through the mirror
   * are v0.5.0's, the last field included.
   */
  static void checkLayout(Path llama, Map<String, Object> options) {
    NativeLibrary library = NativeLibrary.getInstance(llama.toString(), options);
    int modelSize = probe(library.getFunction("llama_model_default_params"));
    int contextSize = probe(library.getFunction("llama_context_default_params"));
    LlamaCppApi api = Native.load(llama.toString(), LlamaCppApi.class, options);
    boolean modelOk = fits(modelSize, MODEL_PARAMS_SIZE) && api.llama_model_default_params().areDefaults();
    boolean contextOk = fits(contextSize, CONTEXT_PARAMS_SIZE) && api.llama_context_default_params().areDefaults();
    if (!modelOk || !contextOk) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "the llama.cpp library " + llama + " does not have "
          + "llama.cpp v0.5.0's parameter structs (llama_model_params: " + modelSize + " bytes written, "
          + (modelOk ? "as expected" : "expected " + MODEL_PARAMS_SIZE + " with v0.5.0's defaults")
          + "; llama_context_params: " + contextSize + " bytes written, "
          + (contextOk ? "as expected" : "expected " + CONTEXT_PARAMS_SIZE + " with v0.5.0's defaults")
          + "); install the pinned engine with bin/storyvox (npm @node-llama-cpp/*@3.22.1) or use a build of that tag");
    }
  }

  /**
   * The bytes a default-params function writes into a marked 512-byte buffer, passed as the hidden result
   * pointer (x86-64: structs this large return through a caller buffer whose address is the first argument);
   * -1 where that convention does not hold, and the defaults check alone decides.
   */
  private static int probe(Function defaults) {
    if (!Platform.isIntel() || !Platform.is64Bit()) {
      return -1;
    }
    Memory buffer = new Memory(PROBE_SIZE);
    buffer.setMemory(0, PROBE_SIZE, MARK);
    defaults.invoke(Pointer.class, new Object[] {buffer});
    int last = -1;
    for (int i = 0; i < PROBE_SIZE; i++) {
      if (buffer.getByte(i) != MARK) {
        last = i;
      }
    }
    return last + 1;
  }

  /** Whether {@code written} bytes are a struct of {@code size} (its trailing padding may stay unwritten). */
  private static boolean fits(int written, int size) {
    return written == -1 || written > size - 8 && written <= size;
  }

  private static Optional<Path> find(Path folder, Pattern name) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> name.matcher(f.getFileName().toString()).matches()).sorted().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

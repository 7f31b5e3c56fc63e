package dev.storyvox.engine;

import dev.storyvox.config.StoryvoxConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide settings of the native libraries, applied once at launch before any engine loads: the
 * bundled bindings (whisper-jni, java-llama.cpp) read their library folder from a system property, ONNX Runtime
 * loads its libraries from a folder under {@code engines.dir} that the first launch fills from the classpath
 * (left alone, it copies 21 MB to a new temporary folder at every start), and Java2D (the card renderer) must
 * run headless on a server. Verticles never set these; {@code Main} does.
 */
public final class NativeLibraries {

  /** whisper-jni's library folder property ({@code stt.nativeLibraryDir}). */
  public static final String WHISPER_LIB_DIR = "io.github.givimad.whisperjni.libdir";
  /** java-llama.cpp's library folder property ({@code llm.nativeLibraryDir} when it holds a libjllama.so). */
  public static final String LLAMA_LIB_PATH = "de.kherud.llama.lib.path";
  /** ONNX Runtime's library folder property. */
  public static final String ONNXRUNTIME_LIB_PATH = "onnxruntime.native.path";
  private static final String ONNXRUNTIME_RESOURCES = "ai/onnxruntime/native/linux-x64/";
  private static final List<String> ONNXRUNTIME_LIBRARIES = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");
  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);

  private NativeLibraries() {
  }

  /** Applies {@code config}'s native library folders and headless Java2D to this process. */
  public static void configure(StoryvoxConfig config) {
    System.setProperty("java.awt.headless", "true");
    if (config.stt().nativeLibraryDir() != null && !holdsWhisperCpp(Path.of(config.stt().nativeLibraryDir()))) {
      System.setProperty(WHISPER_LIB_DIR, config.stt().nativeLibraryDir());
    }
    String llama = config.llm().nativeLibraryDir();
    if (llama != null && java.nio.file.Files.exists(java.nio.file.Path.of(llama, "libjllama.so"))) {
      System.setProperty(LLAMA_LIB_PATH, llama);
    }
    if (System.getProperty(ONNXRUNTIME_LIB_PATH) == null) {
      onnxRuntimeFolder(Path.of(config.engines().dir()))
          .ifPresent(dir -> System.setProperty(ONNXRUNTIME_LIB_PATH, dir.toString()));
    }
  }

  /**
   * The folder holding this classpath's ONNX Runtime libraries ({@code <enginesDir>/onnxruntime-<sizes>}, named
   * by their sizes so another version gets its own; ONNX Runtime itself refuses a library of another version),
   * filled from the classpath when a file is missing or of another size. Empty off linux-x64 or when the folder
   * cannot be written: ONNX Runtime then extracts its libraries itself.
   */
  static Optional<Path> onnxRuntimeFolder(Path enginesDir) {
    String arch = System.getProperty("os.arch", "");
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return Optional.empty();
    }
    try {
      StringBuilder key = new StringBuilder("onnxruntime");
      long[] sizes = new long[ONNXRUNTIME_LIBRARIES.size()];
      for (int i = 0; i < sizes.length; i++) {
        URL library = NativeLibraries.class.getClassLoader()
            .getResource(ONNXRUNTIME_RESOURCES + ONNXRUNTIME_LIBRARIES.get(i));
        if (library == null) {
          return Optional.empty();
        }
        sizes[i] = library.openConnection().getContentLengthLong();
        key.append('-').append(sizes[i]);
      }
      Path dir = enginesDir.resolve(key.toString());
      for (int i = 0; i < sizes.length; i++) {
        Path file = dir.resolve(ONNXRUNTIME_LIBRARIES.get(i));
        if (!Files.isRegularFile(file) || Files.size(file) != sizes[i]) {
          copy(ONNXRUNTIME_RESOURCES + ONNXRUNTIME_LIBRARIES.get(i), file);
        }
      }
      return Optional.of(dir);
    } catch (IOException | RuntimeException e) {
      LOG.debug("ONNX Runtime extracts its own libraries: {}", e.toString());
      return Optional.empty();
    }
  }

  /** Copies a classpath resource to {@code target} through a temporary file beside it, moved in at once. */
  private static void copy(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /**
   * Whether {@code dir} holds a whisper.cpp library of its own ({@code index.node}, {@code libwhisper.so*})
   * and no whisper-jni build: the stt engine loads it as whisper.cpp 1.9, and whisper-jni keeps its bundled
   * natives for the fallback.
   */
  static boolean holdsWhisperCpp(Path dir) {
    if (Files.isRegularFile(dir.resolve("libwhisper-jni.so")) || Files.isRegularFile(dir.resolve("libwhisper-jni.dylib"))) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .anyMatch(name -> name.equals("index.node") || name.startsWith("libwhisper.so"));
    } catch (IOException e) {
      return false;
    }
  }
}

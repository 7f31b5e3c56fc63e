package dev.storyvox.stt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.github.givimad.whisperjni.WhisperJNI;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whisper.cpp native library, loaded once per JVM. whisper-jni 1.7.1 extracts its bundled natives
 * (picking the ggml build for this CPU), loads them and routes whisper.cpp's log to SLF4J; JNA then binds
 * {@link WhisperJniCApi} to that same already-loaded {@code libwhisper} (the dynamic linker resolves the
 * soname to the loaded copy) and checks the struct layouts against the library's own defaults.
 */
final class WhisperLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(WhisperLibrary.class);
  private static final Logger NATIVE_LOG = LoggerFactory.getLogger("whisper.cpp");
  private static final String SONAME = Platform.isMac() ? "libwhisper.1.dylib" : "libwhisper.so.1";
  /**
   * {@code RTLD_LAZY} without {@code RTLD_GLOBAL} (JNA's default adds it): whisper-jni's {@code libggml.so}
   * must stay out of the global symbol scope, or llama.cpp's own copy of ggml (inside libjllama.so, which
   * exports its symbols) would bind to this older one and crash the process.
   */
  private static final int RTLD_LAZY_LOCAL = 1;

  private static WhisperJniCApi api;

  private WhisperLibrary() {
  }

  /** The bound C API, loading the library on the first call. */
  static synchronized WhisperJniCApi api() {
    if (api == null) {
      api = bind();
    }
    return api;
  }

  private static WhisperJniCApi bind() {
    try {
      WhisperJNI.loadLibrary(LOG::debug);
    } catch (IOException | UnsatisfiedLinkError e) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "whisper native library failed to load: " + e, e);
    }
    WhisperJNI.setLibraryLogger(text -> NATIVE_LOG.debug(text.strip()));
    WhisperJniCApi bound = Native.load(SONAME, WhisperJniCApi.class, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL));
    checkLayout(bound);
    LOG.info("whisper.cpp loaded: {}", bound.whisper_print_system_info().getString(0, "UTF-8").strip());
    return bound;
  }

  /**
   * Fails unless the library's defaults read through the Java mirrors are whisper.cpp 1.7.1's: the last
   * field of each struct is among those checked, so any shifted or resized field shows.
   */
  private static void checkLayout(WhisperJniCApi bound) {
    WhisperCFullParams full = bound.whisper_full_default_params(WhisperCFullParams.GREEDY);
    boolean fullOk = full.nMaxTextCtx == 16384 && full.noContext == 1 && full.printTimestamps == 1
        && full.tholdPt == 0.01f && full.suppressBlank == 1 && full.temperatureInc == 0.2f
        && full.noSpeechThold == 0.6f && full.greedyBestOf == 5 && full.beamSearchBeamSize == -1
        && full.beamSearchPatience == -1.0f && full.grammarPenalty == 100.0f;
    WhisperCContextParams context = bound.whisper_context_default_params();
    boolean contextOk = context.useGpu == 1 && context.dtwNTop == -1 && context.dtwMemSize == 128L << 20;
    if (!fullOk || !contextOk) {
      throw new IllegalStateException("libwhisper's parameter structs do not match whisper.cpp 1.7.1: "
          + "whisper-jni must bundle whisper.cpp 1.7.1 for the token-level API");
    }
  }
}

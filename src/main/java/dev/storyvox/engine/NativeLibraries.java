package dev.storyvox.engine;

import dev.storyvox.config.StoryvoxConfig;

/**
 * The process-wide settings of the native libraries, applied once at launch before any engine loads: the
 * bundled bindings (whisper-jni, java-llama.cpp) read their library folder from a system property, and Java2D
 * (the card renderer) must run headless on a server. Verticles never set these; {@code Main} does.
 */
public final class NativeLibraries {

  /** whisper-jni's library folder property ({@code stt.nativeLibraryDir}). */
  public static final String WHISPER_LIB_DIR = "io.github.givimad.whisperjni.libdir";
  /** java-llama.cpp's library folder property ({@code llm.nativeLibraryDir} when it holds a libjllama.so). */
  public static final String LLAMA_LIB_PATH = "de.kherud.llama.lib.path";

  private NativeLibraries() {
  }

  /** Applies {@code config}'s native library folders and headless Java2D to this process. */
  public static void configure(StoryvoxConfig config) {
    System.setProperty("java.awt.headless", "true");
    if (config.stt().nativeLibraryDir() != null) {
      System.setProperty(WHISPER_LIB_DIR, config.stt().nativeLibraryDir());
    }
    String llama = config.llm().nativeLibraryDir();
    if (llama != null && java.nio.file.Files.exists(java.nio.file.Path.of(llama, "libjllama.so"))) {
      System.setProperty(LLAMA_LIB_PATH, llama);
    }
  }
}

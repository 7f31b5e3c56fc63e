package dev.storyvox.engine;

import dev.storyvox.config.StoryvoxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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
    if (config.stt().nativeLibraryDir() != null && !holdsWhisperCpp(Path.of(config.stt().nativeLibraryDir()))) {
      System.setProperty(WHISPER_LIB_DIR, config.stt().nativeLibraryDir());
    }
    String llama = config.llm().nativeLibraryDir();
    if (llama != null && java.nio.file.Files.exists(java.nio.file.Path.of(llama, "libjllama.so"))) {
      System.setProperty(LLAMA_LIB_PATH, llama);
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

package dev.storyvox.stt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the whisper.cpp library the engine runs on. {@code stt.nativeLibraryDir}, when set, decides: a
 * folder with {@code libwhisper-jni.so} is a whisper-jni build (1.7.1 API, as before), a folder with a
 * whisper.cpp library ({@code index.node} or {@code libwhisper.so*}) is loaded as 1.9. Otherwise the
 * installed engine folders ({@code EnginesConfig.folders("whisper", gpu)}) are tried best first. A library
 * that fails to load or is refused by its checks is logged and skipped; when none is left, whisper-jni's
 * bundled 1.7.1 runs, so the jar alone still transcribes.
 */
final class WhisperBindings {
  private static final Logger LOG = LoggerFactory.getLogger(WhisperBindings.class);

  private WhisperBindings() {
  }

  /**
   * @param nativeLibraryDir {@code stt.nativeLibraryDir}, or null
   * @param engineFolders the installed {@code whisper-<variant>} folders, best first
   */
  static WhisperBinding choose(String nativeLibraryDir, List<Path> engineFolders) {
    if (nativeLibraryDir != null) {
      Path dir = Path.of(nativeLibraryDir);
      return isWhisperJni(dir) || Whisper19Library.libraryIn(dir) == null
          ? WhisperJniBinding.get() : firstLoadable(List.of(dir));
    }
    if (engineFolders.isEmpty()) {
      LOG.info("no whisper.cpp 1.9 engine installed (bin/ installs it with npm); using the bundled whisper.cpp 1.7.1");
    }
    return firstLoadable(engineFolders);
  }

  /** Whether {@code dir} holds a whisper-jni build. */
  static boolean isWhisperJni(Path dir) {
    return Files.isRegularFile(dir.resolve("libwhisper-jni.so")) || Files.isRegularFile(dir.resolve("libwhisper-jni.dylib"));
  }

  private static WhisperBinding firstLoadable(List<Path> folders) {
    for (Path folder : folders) {
      Path library = Whisper19Library.libraryIn(folder);
      if (library == null) {
        LOG.warn("{} holds no whisper.cpp library (index.node or libwhisper.so)", folder);
        continue;
      }
      try {
        return Whisper19Library.load(library);
      } catch (IllegalStateException e) {
        LOG.error("whisper.cpp library refused: {}", e.getMessage());
      }
    }
    if (!folders.isEmpty()) {
      LOG.warn("no whisper.cpp 1.9 library of {} is usable; falling back to the bundled whisper.cpp 1.7.1", folders);
    }
    return WhisperJniBinding.get();
  }
}

package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 1.9 library's checks at load: the installed {@code index.node} passes them; whisper-jni's 1.7.1
 * {@code libwhisper.so.1} and a defaults struct with one field shifted or changed fail them, loudly, and the
 * engine choice falls back to the bundled 1.7.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Whisper19LibraryTest {

  @Test
  void theInstalledLibraryReports19AndMatchesTheMirrors() {
    Path library = Whisper19Library.libraryIn(Whisper19Engines.cpuFolders().get(0));
    Whisper19CApi api = (Whisper19CApi) Whisper19Library.load(library).api();

    assertTrue(Whisper19Library.version(api, library).startsWith("1.9."));
    assertEquals(List.of(), Whisper19Library.mismatches(api.whisper_full_default_params(WhisperCFullParams.GREEDY),
        api.whisper_full_default_params(WhisperCFullParams.BEAM_SEARCH), api.whisper_context_default_params()));
  }

  @Test
  void whisperJnisLibraryIsRefusedByTheVersionAndTheLayoutCheck() throws IOException {
    Path legacy = whisperJniLibrary();
    IllegalStateException version = assertThrows(IllegalStateException.class, () -> Whisper19Library.load(legacy));
    assertTrue(version.getMessage().contains("exports no whisper_version()"), version.getMessage());

    Whisper19CApi misread = Native.load(legacy.toString(), Whisper19CApi.class, Map.of(Library.OPTION_OPEN_FLAGS, 1));
    IllegalStateException layout = assertThrows(IllegalStateException.class,
        () -> Whisper19Library.checkLayout(misread, legacy));
    assertTrue(layout.getMessage().contains("do not match whisper.cpp 1.9's layout")
        && layout.getMessage().contains("initial_prompt") && layout.getMessage().contains("vad_params")
        && layout.getMessage().contains("context_params"), layout.getMessage());
  }

  @Test
  void aDefaultsStructShiftedOrChangedAtOneFieldFailsTheCheck() {
    Whisper19CApi api = (Whisper19CApi) Whisper19Library.load(
        Whisper19Library.libraryIn(Whisper19Engines.cpuFolders().get(0))).api();
    Whisper19FullParams greedy = api.whisper_full_default_params(WhisperCFullParams.GREEDY);
    Whisper19FullParams beam = api.whisper_full_default_params(WhisperCFullParams.BEAM_SEARCH);
    WhisperCContextParams context = api.whisper_context_default_params();

    Memory shifted = copy(greedy);
    int carry = greedy.offsetOf("carryInitialPrompt");
    shifted.write(carry, shifted.getByteArray(carry + 8, greedy.size() - carry - 8), 0, greedy.size() - carry - 8);
    assertTrue(Whisper19Library.mismatches(new Whisper19FullParams(shifted), beam, context).contains("vad_params"));

    Memory changed = copy(greedy);
    changed.setFloat(greedy.offsetOf("vadSamplesOverlap"), 0.2f);
    assertEquals(List.of("vad_params"), Whisper19Library.mismatches(new Whisper19FullParams(changed), beam, context));

    context.flashAttn = 0;
    assertEquals(List.of("context_params"), Whisper19Library.mismatches(greedy, beam, context));
  }

  @Test
  void theChoiceFallsBackToTheBundled171WhenTheLibraryIsRefusedOrAbsent(@TempDir Path dir) throws IOException {
    Files.createSymbolicLink(dir.resolve("libwhisper.so.1"), whisperJniLibrary());

    assertSame(WhisperJniBinding.get(), WhisperBindings.choose(dir.toString(), List.of()));
    assertSame(WhisperJniBinding.get(), WhisperBindings.choose(null, List.of(dir)));
    assertSame(WhisperJniBinding.get(), WhisperBindings.choose(null, List.of()));
    assertInstanceOf(Whisper19Binding.class,
        WhisperBindings.choose(Whisper19Engines.cpuFolders().get(0).toString(), List.of()));
    assertInstanceOf(Whisper19Binding.class, WhisperBindings.choose(null, List.of(dir, Whisper19Engines.cpuFolders().get(0))));
  }

  private static Memory copy(Whisper19FullParams params) {
    Memory memory = new Memory(params.size());
    memory.write(0, params.getPointer().getByteArray(0, params.size()), 0, params.size());
    return memory;
  }

  /** The {@code libwhisper.so.1} whisper-jni extracted and loaded into this JVM. */
  private static Path whisperJniLibrary() throws IOException {
    WhisperLibrary.api();
    return Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .filter(line -> line.endsWith("/libwhisper.so.1"))
        .map(line -> Path.of(line.substring(line.indexOf('/'))))
        .findFirst().orElseThrow(() -> new IllegalStateException("whisper-jni's libwhisper.so.1 is not mapped"));
  }
}

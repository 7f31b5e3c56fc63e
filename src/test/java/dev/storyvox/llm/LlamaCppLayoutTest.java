package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The struct layout check on a real mismatched library: java-llama.cpp 4.2.0's libjllama.so exports the
 * llama.cpp C API of b4916, whose parameter structs differ from v0.5.0's; offered as a libllama it is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlamaCppLayoutTest {

  @Test
  void aLibraryWithOtherParameterStructsIsRefusedLoudly(@TempDir Path dir) throws Exception {
    try (InputStream jllama = LlamaCppLayoutTest.class.getResourceAsStream("/de/kherud/llama/Linux/x86_64/libjllama.so")) {
      assertTrue(jllama != null, "java-llama.cpp's Linux x86_64 library is on the class path");
      Files.copy(jllama, dir.resolve("libllama.so"));
    }
    ServiceException e = assertThrows(ServiceException.class,
        () -> LlamaCppEngine.load(dir, TestData.model("stories260Ktok512.gguf"), 512, 1, -1, 0, false));
    assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains("does not have llama.cpp v0.5.0's parameter structs")
        && e.getMessage().contains("llama_context_params"), e.getMessage());
  }

  @Test
  void theInstalledLibraryPassesTheCheck() {
    LlamaCppLibrary library = LlamaCppLibrary.open(CurrentEngine.folder());
    assertTrue(library.version().startsWith("0.5.0"), library.version());
  }
}

package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.storyvox.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufMetadataTest {

  @Test
  void readsTheStringEntriesOfARealModelHeader() throws Exception {
    GgufMetadata meta = GgufMetadata.read(TestData.model("stories260Ktok512.gguf"));
    assertEquals("llama", meta.string("general.architecture"));
    assertEquals("llama", meta.string("tokenizer.ggml.model"));
    assertNull(meta.string(GgufMetadata.CHAT_TEMPLATE));
  }

  @Test
  void refusesAFileThatIsNotGguf(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("fake.gguf"), "not a model at all");
    assertThrows(IOException.class, () -> GgufMetadata.read(file));
  }
}

package dev.storyvox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The web page's model banner turns {@code /ready}'s download reasons into Korean (the page's own module, in node). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModelStatusTest {

  private static List<String> describe(String... calls) throws Exception {
    Path module = Path.of("src/main/resources/webroot/js/model-status.js").toAbsolutePath();
    StringBuilder script = new StringBuilder("const m = await import('" + module.toUri() + "');\n");
    for (String call : calls) {
      script.append("console.log(m.describeModel(").append(call).append("));\n");
    }
    Path output = Files.createTempFile("model-status", ".txt");
    Process node;
    try {
      node = new ProcessBuilder("node", "--input-type=module", "-e", script.toString()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
    } catch (IOException e) {
      Assumptions.abort("node is not installed (bin/test installs it)");
      return List.of();
    }
    assertEquals(true, node.waitFor(20, TimeUnit.SECONDS));
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, node.exitValue(), out);
    return out.lines().toList();
  }

  @Test
  void downloadProgressMissingFilesAndReadyEnginesReadInKorean() throws Exception {
    assertEquals(List.of(
        "음성 인식 모델 내려받는 중: ggml-large-v3-turbo.bin 43% (690 / 1,600 MB, 초당 12 MB)",
        "글쓰기 모델 내려받기를 기다리는 중: models/Qwen2.5-3B-Instruct-Q4_K_M.gguf",
        "글쓰기 모델 파일이 없어요: models/a.gguf. 서버에서 `bin/storyvox models pull`로 내려받아 주세요.",
        "음성 인식 모델을 내려받지 못했어요: ggml-small.bin (not found: http://x/y)",
        "null"),
        describe("'stt', 'LOADING', 'downloading ggml-large-v3-turbo.bin 43 % (690 of 1,600 MB, 12 MB/s)'",
            "'llm', 'LOADING', 'waiting to download models/Qwen2.5-3B-Instruct-Q4_K_M.gguf'",
            "'llm', 'UNAVAILABLE', 'model file models/a.gguf is missing: fetch it with …'",
            "'stt', 'UNAVAILABLE', 'download of ggml-small.bin failed: not found: http://x/y'",
            "'stt', 'UNAVAILABLE', 'whisper model not found: x'"));
  }
}

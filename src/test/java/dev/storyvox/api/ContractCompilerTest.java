package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContractException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's contract step: the JSON on the classpath is {@code openapi/storyvox.yaml} as checked today (a
 * stale copy would serve another API than the one documented), and a contract the OpenAPI meta-schema refuses
 * stops the build with the library's message.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ContractCompilerTest {

  @Test
  void theServersJsonIsTheYamlContract(Vertx vertx) throws Exception {
    JsonObject fromYaml = ContractCompiler.compile(vertx, Path.of(HttpVerticle.CONTRACT));
    JsonObject onClasspath = new JsonObject(vertx.fileSystem().readFileBlocking(ContractVerticle.COMPILED));
    assertEquals(fromYaml, onClasspath);
    assertTrue(onClasspath.getJsonObject("paths").containsKey("/api/runs/{run_id}"), onClasspath.fieldNames().toString());
  }

  @Test
  void aContractTheMetaSchemaRefusesStopsTheBuild(Vertx vertx, @TempDir Path dir) throws Exception {
    String yaml = Files.readString(Path.of(HttpVerticle.CONTRACT), StandardCharsets.UTF_8)
        .replaceFirst("(?m)^info:", "info: 42\nunused:");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), yaml);
    Path out = dir.resolve("out.json");
    Exception refused = assertThrows(Exception.class,
        () -> ContractCompiler.main(new String[] {broken.toString(), out.toString()}));
    assertTrue(refused instanceof OpenAPIContractException || refused.getCause() instanceof OpenAPIContractException,
        refused.toString());
    assertTrue(Files.notExists(out), "no JSON is written for a refused contract");
  }
}

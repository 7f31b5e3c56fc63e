package dev.storyvox.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The build's step for the API contract (run by exec-maven-plugin in {@code process-classes}): checks
 * {@code openapi/storyvox.yaml} the way vertx-openapi does (YAML, the OpenAPI 3.1 meta-schema, every
 * {@code $ref}) and writes it as JSON next to it on the classpath ({@value ContractVerticle#COMPILED}), so a
 * server starts from a checked contract without SnakeYAML or the meta-schema check. A contract that does not
 * pass stops the build with the library's message.
 */
public final class ContractCompiler {

  private ContractCompiler() {
  }

  /** {@code args}: the YAML contract, then the JSON file to write. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ContractCompiler CONTRACT.yaml OUT.json");
    }
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject contract = compile(vertx, Path.of(args[0]));
      Path out = Path.of(args[1]);
      Files.createDirectories(out.getParent());
      Files.writeString(out, contract.encode(), StandardCharsets.UTF_8);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The contract at {@code yaml} as JSON, once vertx-openapi has accepted it. */
  static JsonObject compile(Vertx vertx, Path yaml) throws Exception {
    JsonObject contract = Utils.yamlStringToJson(Files.readString(yaml, StandardCharsets.UTF_8))
        .await(30, TimeUnit.SECONDS);
    OpenAPIContract.from(vertx, contract.copy()).await(60, TimeUnit.SECONDS);
    return contract;
  }
}

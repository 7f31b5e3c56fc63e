package dev.storyvox.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.impl.OpenAPIContractImpl;
import io.vertx.openapi.impl.OpenAPIFormatValidator;

/**
 * Loads the API contract once per Vert.x instance, on a worker thread, from the JSON the build wrote
 * ({@value #COMPILED}, see {@link ContractCompiler}). The build has already checked it against the OpenAPI
 * meta-schema, so this builds what vertx-openapi's {@code OpenAPIContract.from} builds — the same schema
 * repository options and format validator, every {@code $ref} resolved — without SnakeYAML, the meta-schema
 * files and the check, which took most of a second of CPU at every start (vertx-openapi 5.0.10's own classes;
 * {@code ContractValidationParityTest} holds the result to the library's answers). {@link #contract} deploys it
 * on first use: {@code Deployment} asks before the HTTP server binds, and the HTTP verticles wait for it.
 */
public final class ContractVerticle extends VerticleBase {

  /** The checked contract as JSON on the classpath, written by the build from {@value HttpVerticle#CONTRACT}. */
  public static final String COMPILED = "openapi/storyvox.json";
  private static final String MAP = "storyvox.contract";
  private static final String BASE_URI = "app://";
  private final Promise<OpenAPIContract> parsed;

  private ContractVerticle(Promise<OpenAPIContract> parsed) {
    this.parsed = parsed;
  }

  /** The parsed contract of this Vert.x instance; the first call starts the parse. */
  public static Future<OpenAPIContract> contract(Vertx vertx) {
    LocalMap<String, Holder> map = vertx.sharedData().getLocalMap(MAP);
    Holder fresh = new Holder(Promise.promise());
    Holder held = map.putIfAbsent(MAP, fresh);
    if (held != null) {
      return held.parsed.future();
    }
    vertx.deployVerticle(new ContractVerticle(fresh.parsed),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .onFailure(fresh.parsed::tryFail);
    return fresh.parsed.future();
  }

  @Override
  public Future<?> start() {
    return ClasspathFiles.read(vertx, COMPILED)
        .recover(e -> Future.failedFuture(new IllegalStateException(COMPILED
            + " is not on the classpath: build with mvn, which writes it from " + HttpVerticle.CONTRACT, e)))
        .map(Buffer::toJsonObject)
        .compose(this::resolve)
        .onComplete(parsed);
  }

  private Future<OpenAPIContract> resolve(JsonObject unresolved) {
    OpenAPIVersion version = OpenAPIVersion.fromContract(unresolved);
    Draft draft = version == OpenAPIVersion.V3_0 ? Draft.DRAFT4 : Draft.DRAFT202012;
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(draft)
        .setBaseUri(BASE_URI).setOutputFormat(OutputFormat.Basic), new OpenAPIFormatValidator());
    return version.resolve(vertx, repository, unresolved)
        .map(resolved -> new OpenAPIContractImpl(resolved, version, repository));
  }

  /** The process-wide parse result, kept in a local map. */
  private record Holder(Promise<OpenAPIContract> parsed) implements Shareable {
  }
}

package dev.storyvox.api;

import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.stt.SttClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. Its router is built from {@code openapi/storyvox.yaml} so every request is validated
 * against the contract ({@link ContractValidation}) before a handler sees it; operations without a handler answer 501. On stop the
 * server stops accepting and lets in-flight requests finish within {@code shutdown.graceMs}.
 * The contract's {@code internalSecret} requirement (optional, as the secret may be unset) is enforced
 * by {@link AuthHandler} as a root handler, so the router builder's own security handlers stay off.
 */
public final class HttpVerticle extends VerticleBase {

  /** The contract on the classpath (copied from {@code openapi/} at build time). */
  public static final String CONTRACT = "openapi/storyvox.yaml";
  /** Local-map key under which the bound port is published for launchers and tests. */
  public static final String PORT_KEY = "http.port";
  /** Local map shared by the process's launch code. */
  public static final String LOCAL_MAP = "storyvox";
  private static final String SHARED_HANDLERS = "storyvox.http.handlers";
  /** The web page's folder on the classpath, served under {@code /app/}. */
  public static final String WEBROOT = "webroot";
  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.17.14";
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final StoryvoxConfig config;
  private final Startup startup;
  private final long startedAt = System.currentTimeMillis();
  private HttpServer server;

  /** An HTTP verticle deployed on its own, after the verticles its routes talk to. */
  public HttpVerticle(StoryvoxConfig config) {
    this(config, Startup.done());
  }

  /**
   * An HTTP verticle of a deployment that is still starting: it listens at once (see {@link StartupGate})
   * and routes requests once {@code startup}'s services are up; it is deployed when its router is built.
   */
  public HttpVerticle(StoryvoxConfig config, Startup startup) {
    this.config = config;
    this.startup = startup;
  }

  @Override
  public Future<?> start() {
    StartupGate gate = new StartupGate(context, config, startedAt);
    return vertx.createHttpServer(serverOptions()).requestHandler(gate).listen()
        .onSuccess(this::started)
        .compose(listening -> buildRouter())
        .onSuccess(router -> gate.open(startup, router));
  }

  private Future<Router> buildRouter() {
    Future<Buffer> contractText = ClasspathFiles.read(vertx, CONTRACT);
    Future<Buffer> docsPage = ClasspathFiles.read(vertx, "docs/index.html");
    Future<Buffer> webPage = ClasspathFiles.read(vertx, WEBROOT + "/index.html");
    Future<OpenAPIContract> contract = ContractVerticle.contract(vertx);
    return Future.all(contractText, docsPage, webPage, contract)
        .compose(v -> onThisContext(contract.result()))
        .map(parsed -> router(parsed, contractText.result(), docsPage.result(), webPage.result()));
  }

  private <T> Future<T> onThisContext(T value) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(value));
    return promise.future();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdown().graceMs(), TimeUnit.MILLISECONDS);
  }

  private HttpServerOptions serverOptions() {
    return new HttpServerOptions().setHost(config.http().host()).setPort(config.http().port())
        .setCompressionSupported(true).setIdleTimeout(0);
  }

  private Router router(OpenAPIContract contract, Buffer contractText, Buffer docsPage, Buffer webPage) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(new RequestIds());
    if (config.limits().enabled()) {
      builder.rootHandler(shared("rateLimiter", () -> new RateLimiter(config.limits())));
    }
    if (config.auth().enabled()) {
      builder.rootHandler(new AuthHandler(config.auth().internalSecret()));
    }
    builder.rootHandler(new BodyHandlers(config.http()));
    ContractValidation.install(builder, contract);
    SseGate sseGate = shared("sseGate", () -> new SseGate(config.sse().maxConnections()));
    builder.getRoutes().stream()
        .filter(route -> route.getOperation().getOperationId().endsWith("Events"))
        .forEach(route -> route.addHandler(sseGate));
    apis(contractText, docsPage, webPage).forEach(api -> api.mount(builder));
    for (OpenAPIRoute route : builder.getRoutes()) {
      route.setDoSecurity(false);
      if (route.getHandlers().stream().allMatch(ContractValidation.class::isInstance)) {
        route.addHandler(new NotImplementedHandler(route.getOperation().getOperationId()));
      }
    }
    Router router = builder.createRouter();
    router.get("/docs/assets/*").handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true));
    router.get("/docs/init.js").handler(rc -> rc.response().sendFile("docs/init.js"));
    router.get("/app/*").handler(HttpVerticle::revalidate).handler(StaticHandler.create(WEBROOT));
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    router.errorHandler(404, failures).errorHandler(405, failures).errorHandler(413, failures)
        .errorHandler(500, failures);
    return router;
  }

  /** The web page's files are small and unversioned: browsers keep them but ask (If-Modified-Since) each time. */
  private static void revalidate(RoutingContext rc) {
    rc.addHeadersEndHandler(v -> rc.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
    rc.next();
  }

  private List<Api> apis(Buffer contractText, Buffer docsPage, Buffer webPage) {
    SttClient stt = new SttClient(vertx, config);
    return List.of(new OpsApi(vertx, config, startedAt, contractText, docsPage, webPage), new SoloApi(vertx, config),
        new GpuApi(vertx, config), new RunsApi(vertx, config),
        new SttApi(stt), new SttFieldApi(vertx, stt), new FieldParseApi(), new OpenAiApi(vertx, stt, config.stt()));
  }

  /** The process-wide instance under {@code key}, made once and shared by every HTTP verticle. */
  @SuppressWarnings("unchecked")
  private <T extends Shareable> T shared(String key, Supplier<T> make) {
    LocalMap<String, Shareable> map = vertx.sharedData().getLocalMap(SHARED_HANDLERS);
    synchronized (HttpVerticle.class) {
      if (map.get(key) == null) {
        map.put(key, make.get());
      }
    }
    return (T) map.get(key);
  }

  private void started(HttpServer server) {
    this.server = server;
    vertx.sharedData().getLocalMap(LOCAL_MAP).put(PORT_KEY, server.actualPort());
    LOG.info("HTTP server listening on http://{}:{}", config.http().host(), server.actualPort());
  }
}

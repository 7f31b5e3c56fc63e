package dev.storyvox;

import dev.storyvox.config.ConfigException;
import dev.storyvox.config.ConfigLoader;
import dev.storyvox.config.ConfigSources;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.engine.NativeLibraries;
import dev.storyvox.models.ModelsCommand;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Starts storyvox ({@code models list|pull} runs {@link ModelsCommand} instead): parses the flags, loads the configuration (a bad value stops here with one line and
 * exit code 2), builds Vert.x with Prometheus metrics (joined to the cluster with {@code --cluster}),
 * deploys the role's verticles, and on SIGTERM or SIGINT stops taking work, lets work in hand finish within
 * {@code shutdown.graceMs}, leaves the cluster and exits 0.
 *
 * <p>Netty's JFR buffer events are off unless {@code -Dio.netty.jfr.enabled=true} asks for them: with them on,
 * the first connection registers JFR's event machinery, a quarter of a second of CPU before the first answer.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long STARTUP_TIMEOUT_S = 300;
  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  private Main() {
  }

  public static void main(String[] args) {
    System.setProperty(NETTY_JFR, System.getProperty(NETTY_JFR, "false"));
    prepareJsonCodec();
    if (args.length > 0 && args[0].equals("models")) {
      System.exit(ModelsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
      return;
    }
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      exit(2, "storyvox: " + e.getMessage() + "\n" + LaunchOptions.USAGE);
      return;
    }
    if (options.help()) {
      System.out.print(LaunchOptions.USAGE);
      return;
    }
    Vertx plain = options.cluster() ? null : Vertx.builder().withMetrics(new MicrometerMetricsFactory())
        .with(vertxOptions()).build();
    JsonObject json = loadConfig(options, plain);
    StoryvoxConfig config;
    try {
      config = StoryvoxConfig.from(json);
    } catch (ConfigException e) {
      exit(2, "storyvox: " + e.getMessage());
      return;
    }
    LogFormat.apply(config.logging());
    NativeLibraries.configure(config);
    Vertx vertx = plain != null ? plain : startVertx(options, config);
    installSignalHandlers(vertx, config.shutdown().graceMs());
    try {
      Integer port = await(Deployment.deploy(vertx, config, json, options.role()).toCompletionStage()
          .toCompletableFuture());
      JvmMetrics.bind();
      if (port >= 0) {
        LOG.info("storyvox {} started (role {}) on port {}", Version.get(), options.role().wireName(), port);
      } else {
        LOG.info("storyvox {} started (role {}), serving no HTTP", Version.get(), options.role().wireName());
      }
    } catch (ExecutionException e) {
      vertx.close();
      exit(1, "storyvox: startup failed: " + e.getCause().getMessage());
    }
  }

  /** A plain Vert.x, or with {@code --cluster} one joined to the Hazelcast cluster {@code cluster.*} names. */
  private static Vertx startVertx(LaunchOptions options, StoryvoxConfig config) {
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory());
    if (!options.cluster()) {
      return builder.with(vertxOptions()).build();
    }
    try {
      return await(ClusterNode.join(builder, vertxOptions(), config.cluster()).toCompletionStage().toCompletableFuture());
    } catch (ExecutionException e) {
      exit(1, "storyvox: cannot join the cluster: " + e.getCause().getMessage());
      return null;
    }
  }

  /** The merged configuration, read with {@code vertx} (a short-lived one when it is null, before clustering). */
  private static JsonObject loadConfig(LaunchOptions options, Vertx vertx) {
    Vertx boot = vertx != null ? vertx : Vertx.vertx();
    try {
      JsonObject json = await(ConfigLoader.loadJson(boot, ConfigSources.ofProcess(options.conf()))
          .toCompletionStage().toCompletableFuture());
      return json;
    } catch (ConfigException e) {
      exit(2, "storyvox: " + e.getMessage());
    } catch (ExecutionException e) {
      exit(2, "storyvox: " + e.getCause().getMessage());
    } finally {
      if (boot != vertx) {
        boot.close();
      }
    }
    return null;
  }

  private static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setJvmMetricsEnabled(false)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS,
            Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  /**
   * Makes Vert.x's JSON codec (a Jackson databind mapper, ~0.1 s cold) on a thread of its own while the main
   * thread builds Vert.x and reads the configuration, so the first HTTP answer does not wait for it.
   */
  private static void prepareJsonCodec() {
    Thread thread = new Thread(() -> Json.CODEC.getClass(), "storyvox-json-codec");
    thread.setDaemon(true);
    thread.start();
  }

  private static void installSignalHandlers(Vertx vertx, long graceMs) {
    Runnable shutdown = () -> {
      LOG.info("shutting down: no new work, work in hand has {} ms", graceMs);
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(graceMs + 5000, TimeUnit.MILLISECONDS);
        LOG.info("stopped");
        System.exit(0);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        LOG.warn("shutdown did not finish in time: {}", e.toString());
        System.exit(1);
      }
    };
    Signal.handle(new Signal("TERM"), sig -> new Thread(shutdown, "storyvox-shutdown").start());
    Signal.handle(new Signal("INT"), sig -> new Thread(shutdown, "storyvox-shutdown").start());
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws ExecutionException {
    try {
      return future.get(STARTUP_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException | TimeoutException e) {
      throw new ExecutionException(e);
    }
  }

  private static void exit(int code, String message) {
    System.err.println(message);
    System.exit(code);
  }
}

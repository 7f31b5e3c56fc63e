package dev.storyvox;

import dev.storyvox.config.ConfigException;
import dev.storyvox.config.ConfigLoader;
import dev.storyvox.config.ConfigSources;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Starts storyvox: parses the flags, loads the configuration (a bad value stops here with one line and
 * exit code 2), builds Vert.x with Prometheus metrics, deploys the role's verticles, and on SIGTERM or
 * SIGINT stops taking work, lets in-flight requests finish within the grace period and exits 0.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long STARTUP_TIMEOUT_S = 300;

  private Main() {
  }

  public static void main(String[] args) {
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
    if (options.cluster()) {
      exit(2, "storyvox: --cluster is not implemented yet");
    }
    JsonObject json = loadConfig(options);
    StoryvoxConfig config = StoryvoxConfig.from(json);
    LogFormat.apply(config.logging());
    Vertx vertx = Vertx.builder().with(vertxOptions()).withMetrics(new MicrometerMetricsFactory()).build();
    installSignalHandlers(vertx, config.http().shutdownGraceMs());
    try {
      Integer port = await(Deployment.deploy(vertx, json, options.role()).toCompletionStage().toCompletableFuture());
      LOG.info("storyvox {} started (role {}) on port {}", Version.get(), options.role().wireName(), port);
    } catch (ExecutionException e) {
      vertx.close();
      exit(1, "storyvox: startup failed: " + e.getCause().getMessage());
    }
  }

  private static JsonObject loadConfig(LaunchOptions options) {
    Vertx boot = Vertx.vertx();
    try {
      JsonObject json = await(ConfigLoader.loadJson(boot, ConfigSources.ofProcess(options.conf()))
          .toCompletionStage().toCompletableFuture());
      StoryvoxConfig.from(json);
      return json;
    } catch (ConfigException e) {
      exit(2, "storyvox: " + e.getMessage());
    } catch (ExecutionException e) {
      exit(2, "storyvox: " + e.getCause().getMessage());
    } finally {
      boot.close();
    }
    return null;
  }

  private static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  private static void installSignalHandlers(Vertx vertx, long graceMs) {
    Runnable shutdown = () -> {
      LOG.info("shutting down: no new requests, in-flight ones have {} ms", graceMs);
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

package dev.storyvox.api;

import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How far one deployment has come, shared by its HTTP verticles: the server listens before anything else is
 * deployed, answers {@code /health} at once and {@code /ready} with LOADING capabilities, and holds every
 * other request until {@link #servicesUp()} (every other verticle of the deployment is deployed; engines
 * may still be loading their models, which {@code /ready} then reports).
 */
public final class Startup {

  private final List<Runnable> waiting = new CopyOnWriteArrayList<>();
  private volatile boolean services;

  private Startup(boolean up) {
    this.services = up;
  }

  /** A deployment that is starting: nothing is up yet. */
  public static Startup starting() {
    return new Startup(false);
  }

  /** A deployment whose verticles are all up (an HTTP verticle deployed on its own). */
  public static Startup done() {
    return new Startup(true);
  }

  /** Whether every verticle of the deployment is deployed. */
  public boolean servicesReady() {
    return services;
  }

  /** Marks the request-serving verticles deployed and runs what waited for them, each on its own context. */
  public void servicesUp() {
    services = true;
    for (Runnable action : waiting) {
      if (waiting.remove(action)) {
        action.run();
      }
    }
  }

  /** Runs {@code action} on {@code context} once the services are up (at once when they are). */
  void whenServicesUp(Context context, Runnable action) {
    Runnable onContext = () -> context.runOnContext(v -> action.run());
    waiting.add(onContext);
    if (services && waiting.remove(onContext)) {
      onContext.run();
    }
  }
}

package dev.storyvox.api;

import io.vertx.ext.web.openapi.router.RouterBuilder;

/** A group of operations of the contract (one per tag or feature) that mounts its handlers. */
public interface Api {

  /** Adds this group's handlers to the routes of {@code builder}, found by operationId. */
  void mount(RouterBuilder builder);
}

package dev.storyvox.api;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.story.RunCancel;
import dev.storyvox.story.RunIds;
import dev.storyvox.story.RunInputs;
import dev.storyvox.story.RunListQuery;
import dev.storyvox.story.RunQuery;
import dev.storyvox.story.RunSnapshot;
import dev.storyvox.story.RunStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;

/**
 * Storybook routes: create, list, read and cancel runs ({@code story.*} on the bus; a status read is answered
 * from the local run views of {@link RunStore#VIEWS} when the run lives on this node), their event streams
 * ({@link RunEventStream}) and their images and narration ({@link RunFileHandler}).
 */
public final class RunsApi implements Api {

  private static final int DEFAULT_LIMIT = 20;

  private final Vertx vertx;
  private final StoryvoxConfig config;
  private final LocalMap<String, String> views;

  public RunsApi(Vertx vertx, StoryvoxConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.views = vertx.sharedData().getLocalMap(RunStore.VIEWS);
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.rootHandler(new RunPathGuard());
    builder.getRoute("createRun").addHandler(this::create);
    builder.getRoute("listRuns").addHandler(this::list);
    builder.getRoute("getRun").addHandler(this::get);
    builder.getRoute("cancelRun").addHandler(this::cancel);
    builder.getRoute("runEvents").addHandler(new RunEventStream(vertx, config.sse().keepaliveMs()));
    Path outputs = Path.of(config.outputs().dir());
    builder.getRoute("getRunImage").addHandler(new RunFileHandler(vertx, outputs, RunFileHandler.Kind.IMAGE));
    builder.getRoute("getRunAudio").addHandler(new RunFileHandler(vertx, outputs, RunFileHandler.Kind.AUDIO));
  }

  private void create(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    RunInputs inputs = RunInputs.fromJson(body == null ? new JsonObject() : body);
    this.<JsonObject>ask(Addresses.STORY_CREATE, inputs).onSuccess(run -> {
      String runId = run.getString("run_id");
      rc.response().putHeader("location", "/api/runs/" + runId);
      Responses.json(rc, 201, new JsonObject().put("run_id", runId));
    }).onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    String limit = rc.queryParams().get("limit");
    RunListQuery query = new RunListQuery(limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit),
        rc.queryParams().get("before"));
    this.<JsonObject>ask(Addresses.STORY_LIST, query).onSuccess(page -> Responses.json(rc, 200, page))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    String runId = runId(rc);
    String view = views.get(runId);
    if (view != null) {
      Responses.rawJson(rc, 200, view);
      return;
    }
    this.<RunSnapshot>ask(Addresses.STORY_GET, new RunQuery(runId, -1))
        .onSuccess(snapshot -> Responses.rawJson(rc, 200, snapshot.run()))
        .onFailure(rc::fail);
  }

  private void cancel(RoutingContext rc) {
    this.<JsonObject>ask(Addresses.STORY_CANCEL, new RunCancel(runId(rc)))
        .onSuccess(run -> Responses.json(rc, 200, run)).onFailure(rc::fail);
  }

  private <T> Future<T> ask(String address, Object body) {
    return vertx.eventBus().<T>request(address, body).map(m -> m.body())
        .recover(e -> Future.failedFuture(Failures.toService(e)));
  }

  /** The run id of the path; a malformed one names no run, so it is 404 like an unknown one. */
  static String runId(RoutingContext rc) {
    String runId = rc.pathParam("run_id");
    if (!RunIds.isValid(runId)) {
      throw new ServiceException(ErrorCode.NOT_FOUND, "run not found: " + runId);
    }
    return runId;
  }
}

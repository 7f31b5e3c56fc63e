package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's contract and validation answer every request exactly as vertx-openapi's own do: the contract
 * served twice — once as the library parses {@code openapi/storyvox.yaml} ({@code OpenAPIContract.from}) and
 * validated by its router, once as the server loads it ({@link ContractVerticle}, from the build's JSON) and
 * validated by {@link ContractValidation} — gets the same bad and good requests across the operations; status
 * and body must match byte for byte (error bodies through the server's {@link FailureHandler}, good requests
 * echo the validated values).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ContractValidationParityTest {

  private static final String SOLO = """
      {"attemptId":101,"userText":"프로세스는 현재 실행 중인 프로그램을 의미합니다.",
       "criteria":{"keyword":"Process","modelAnswer":"프로세스(Process)란 컴퓨터에서 실행되고 있는 프로그램을 말합니다."},
       "history":[]}""";
  private static final String RUN = "{\"era_ko\":\"현대\",\"place_ko\":\"숲\",\"characters_ko\":\"토끼\",\"topic_ko\":\"우정\"}";
  private static final String JSON = "application/json";
  private static final String RUN_ID = "20260122_130741_a3f2c1";

  /** One request: method, URI, headers as name/value pairs, content type and body (null for none). */
  record Probe(HttpMethod method, String uri, String contentType, String body, String... headers) {
    static Probe get(String uri, String... headers) {
      return new Probe(HttpMethod.GET, uri, null, null, headers);
    }

    static Probe post(String uri, String body) {
      return new Probe(HttpMethod.POST, uri, body == null ? null : JSON, body);
    }
  }

  private static final List<Probe> PROBES = List.of(
      Probe.post("/api/v1/transcriptions", "{}"),
      Probe.post("/api/v1/transcriptions", "{\"audioUrl\": 5}"),
      Probe.post("/api/v1/transcriptions", "{\"audioUrl\": \"https://x/a.wav\", \"language\": 7}"),
      Probe.post("/api/v1/transcriptions", "{\"audioUrl\": \"https://x/a.wav\", \"language\": \"ko\"}"),
      Probe.post("/api/v1/transcriptions", "{\"audioUrl\": \"https://x/a.wav\", \"surprise\": true}"),
      Probe.post("/api/v1/transcriptions", "{not json"),
      Probe.post("/api/v1/transcriptions", null),
      new Probe(HttpMethod.POST, "/api/v1/transcriptions", "text/plain", "https://x/a.wav"),
      Probe.post("/api/v1/gpu/warmup", "[1,2]"),
      Probe.post("/api/v1/gpu/warmup", "{}"),
      Probe.post("/api/v1/gpu/warmup", null),
      Probe.get("/api/v1/gpu/status"),
      Probe.post("/api/v1/solo/submissions", SOLO),
      Probe.post("/api/v1/solo/submissions", SOLO.replace("101", "\"101\"")),
      Probe.post("/api/v1/solo/submissions", SOLO.replace("\"keyword\":\"Process\",", "")),
      Probe.post("/api/v1/solo/submissions", SOLO.replace("\"history\":[]", "\"history\":{}")),
      Probe.post("/api/v1/solo/submissions", SOLO.replace("101", "-3")),
      Probe.post("/api/v1/solo/submissions", "{not json"),
      Probe.get("/api/v1/solo/submissions/abc"),
      Probe.get("/api/v1/solo/submissions/0"),
      Probe.get("/api/v1/solo/submissions/1.5"),
      Probe.get("/api/v1/solo/submissions/99999999999999999999"),
      Probe.get("/api/v1/solo/submissions/12"),
      Probe.get("/api/v1/solo/submissions/abc/events"),
      Probe.get("/api/v1/solo/submissions/12/events", "Last-Event-ID", "x".repeat(33)),
      Probe.get("/api/v1/solo/submissions/12/events", "Last-Event-ID", "7"),
      Probe.post("/api/fields/parse", "{\"field_type\":\"characters\",\"text\":\"뽀로로랑 크롱이요\"}"),
      Probe.post("/api/fields/parse", "{\"field_type\":\"weather\",\"text\":\"비\"}"),
      Probe.post("/api/fields/parse", "{\"text\":\"비\"}"),
      Probe.post("/api/runs", RUN),
      Probe.post("/api/runs", RUN.replace(",\"topic_ko\":\"우정\"", "")),
      Probe.post("/api/runs", RUN.replace("숲", "   ")),
      Probe.post("/api/runs", RUN.replace("}", ",\"tts_enabled\":\"yes\"}")),
      Probe.post("/api/runs", "[]"),
      Probe.get("/api/runs?limit=0"),
      Probe.get("/api/runs?limit=many"),
      Probe.get("/api/runs?limit=101"),
      Probe.get("/api/runs?limit=5&before=" + RUN_ID),
      Probe.get("/api/runs?limit=5&limit=6"),
      Probe.get("/api/runs?before=" + "b".repeat(65)),
      Probe.get("/api/runs?before=%E0%A4%A"),
      Probe.get("/api/runs"),
      Probe.get("/api/runs/" + RUN_ID),
      Probe.get("/api/runs/not-a-run"),
      new Probe(HttpMethod.POST, "/api/runs/" + RUN_ID + "/cancel", null, null),
      Probe.get("/api/runs/" + RUN_ID + "/events", "Last-Event-ID", "y".repeat(40)),
      Probe.get("/api/runs/" + RUN_ID + "/images/cover.png", "If-None-Match", "z".repeat(257)),
      Probe.get("/api/runs/" + RUN_ID + "/images/cover.png", "If-None-Match", "\"abc\""),
      Probe.get("/api/runs/" + RUN_ID + "/audio/page_0.wav", "Range", "bytes=" + "1".repeat(130)),
      Probe.get("/api/runs/" + RUN_ID + "/audio/page_0.wav", "Range", "bytes=0-99"),
      Probe.get("/v1/models"),
      Probe.get("/health"),
      Probe.get("/ready"));

  @Test
  void everyAnswerIsTheLibraryValidatorsAnswer(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
    List<Integer> statuses = new ArrayList<>();
    Future.all(OpenAPIContract.from(vertx, HttpVerticle.CONTRACT), ContractVerticle.contract(vertx))
        .compose(contracts -> Future.all(listen(vertx, contracts.resultAt(0), false),
            listen(vertx, contracts.resultAt(1), true)))
        .compose(ports -> {
          int library = ports.resultAt(0);
          int ours = ports.resultAt(1);
          Future<Void> chain = Future.succeededFuture();
          for (Probe probe : PROBES) {
            chain = chain.compose(v -> send(client, library, probe)).compose(expected -> send(client, ours, probe)
                .map(actual -> {
                  String where = probe.method() + " " + probe.uri();
                  ctx.verify(() -> {
                    assertEquals(expected.statusCode(), actual.statusCode(), where + " → " + actual.bodyAsString());
                    assertEquals(expected.bodyAsString(), actual.bodyAsString(), where);
                  });
                  statuses.add(actual.statusCode());
                  return null;
                }));
          }
          return chain;
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          long refused = statuses.stream().filter(s -> s == 400).count();
          long passed = statuses.stream().filter(s -> s == 200).count();
          assertEquals(PROBES.size(), statuses.size());
          assertTrue(refused >= 25, "refusals compared: " + refused);
          assertTrue(passed >= 12, "valid requests compared: " + passed);
          ctx.completeNow();
        })));
  }

  private static Future<Integer> listen(Vertx vertx, OpenAPIContract contract, boolean ours) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(BodyHandler.create(false));
    if (ours) {
      ContractValidation.install(builder, contract);
    }
    for (OpenAPIRoute route : builder.getRoutes()) {
      route.setDoSecurity(false);
      if (ContractValidation.isMultipart(route.getOperation())) {
        route.setDoValidation(false);
      }
      route.addHandler(ContractValidationParityTest::echo);
    }
    Router router = builder.createRouter();
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    router.errorHandler(404, failures).errorHandler(405, failures).errorHandler(500, failures);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> s.actualPort());
  }

  /** Answers what the validator handed on: each parameter's and the body's transformed value. */
  private static void echo(RoutingContext rc) {
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject echo = new JsonObject().put("path", values(validated.getPathParameters()))
        .put("query", values(validated.getQuery())).put("headers", values(validated.getHeaders()))
        .put("body", validated.getBody() == null ? null : String.valueOf(validated.getBody().get()));
    rc.response().setStatusCode(200).end(echo.encode());
  }

  private static Map<String, Object> values(Map<String, RequestParameter> parameters) {
    Map<String, Object> values = new TreeMap<>();
    parameters.forEach((name, p) -> values.put(name, String.valueOf(p.get())));
    return values;
  }

  private static Future<HttpResponse<Buffer>> send(WebClient client, int port, Probe probe) {
    var request = client.request(probe.method(), port, "127.0.0.1", probe.uri());
    for (int i = 0; i + 1 < probe.headers().length; i += 2) {
      request.putHeader(probe.headers()[i], probe.headers()[i + 1]);
    }
    return probe.body() == null ? request.send()
        : request.putHeader("content-type", probe.contentType()).sendBuffer(Buffer.buffer(probe.body()));
  }
}

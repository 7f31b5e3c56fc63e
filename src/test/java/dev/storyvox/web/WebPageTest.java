package dev.storyvox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the server hands out the web page: {@code /} by content negotiation, {@code /app/…} as static files. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class WebPageTest {

  private static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    TestServer.start(vertx, new JsonObject()).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void aBrowserAskingForTheRootGetsTheKoreanWebPage(VertxTestContext ctx) {
    get("/", BROWSER_ACCEPT).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertEquals("text/html; charset=utf-8", r.getHeader("content-type"));
      assertEquals("Accept", r.getHeader("vary"), "caches keep the page and the JSON apart");
      assertTrue(r.bodyAsString().contains("<html lang=\"ko\">"), r.bodyAsString());
      assertTrue(r.bodyAsString().contains("/app/js/main.js"));
      ctx.completeNow();
    })));
  }

  @Test
  void anApiClientAskingForTheRootGetsTheHealthBody(VertxTestContext ctx) {
    Future.all(get("/", "*/*"), get("/", "application/json"), get("/", "application/json, text/html;q=0.5"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> r = all.resultAt(i);
            assertEquals(200, r.statusCode());
            assertTrue(r.getHeader("content-type").startsWith("application/json"), r.getHeader("content-type"));
            assertEquals("ok", r.bodyAsJsonObject().getString("status"));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void theModulesStylesAndIconHaveTheirContentTypesAndAreRevalidated(VertxTestContext ctx) {
    Future.all(get("/app/js/main.js", "*/*"), get("/app/css/app.css", "text/css"), get("/app/favicon.svg", "*/*"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          String[] types = {"text/javascript", "text/css", "image/svg+xml"};
          for (int i = 0; i < types.length; i++) {
            HttpResponse<Buffer> r = all.resultAt(i);
            assertEquals(200, r.statusCode());
            assertTrue(r.getHeader("content-type").startsWith(types[i]), r.getHeader("content-type"));
            assertEquals("no-cache", r.getHeader("cache-control"));
            assertNotNull(r.getHeader("last-modified"));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void anUnchangedFileIsNotSentAgain(VertxTestContext ctx) {
    get("/app/js/api.js", "*/*")
        .compose(first -> client.get("/app/js/api.js")
            .putHeader("if-modified-since", first.getHeader("last-modified")).send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(304, r.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  void theAppFolderServesThePageAndNothingOutsideIt(VertxTestContext ctx) {
    Future.all(get("/app/", BROWSER_ACCEPT), get("/app/missing.js", "*/*"), get("/app/../conf/config.yaml", "*/*"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> index = all.resultAt(0);
          assertEquals(200, index.statusCode());
          assertTrue(index.bodyAsString().contains("동화책 만들기"));
          assertEquals(404, all.<HttpResponse<Buffer>>resultAt(1).statusCode());
          assertEquals(404, all.<HttpResponse<Buffer>>resultAt(2).statusCode());
          ctx.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> get(String path, String accept) {
    return client.get(path).putHeader("accept", accept).send();
  }
}

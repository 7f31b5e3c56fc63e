package dev.storyvox.illustration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With {@code comfyui.url} empty, {@code comfyui.render} answers Java2D illustration cards. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CardRendererTest {

  private static final String PAGE = "옛날 옛적 깊은 숲속에 호기심 많은 토끼 한 마리가 살았어요. 토끼는 매일 아침 "
      + "친구 다람쥐와 함께 반짝이는 시냇물을 따라 모험을 떠났답니다.";
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    RecordCodec.register(vertx);
    JsonObject overrides = new JsonObject().put("comfyui", new JsonObject().put("url", ""));
    JsonObject config = TestServer.config(vertx, overrides).await(5, TimeUnit.SECONDS);
    vertx.deployVerticle(new ComfyUiVerticle(StoryvoxConfig.from(config).comfyui())).await(5, TimeUnit.SECONDS);
  }

  @Test
  void drawsAPngCardOfTheRequestedSize() throws Exception {
    RenderReply reply = render(new RenderRequest("run/cover", "ignored", 42, 768, 512, PAGE, null))
        .await(20, TimeUnit.SECONDS);
    assertEquals("card", reply.kind());
    assertNull(reply.promptId());
    BufferedImage image = decode(reply.png());
    assertEquals(768, image.getWidth());
    assertEquals(512, image.getHeight());
    assertTrue(variance(image) > 100, "the card is not blank: luminance variance " + variance(image));
  }

  @Test
  void theSeedChangesThePicture() throws Exception {
    BufferedImage a = decode(render(new RenderRequest("a", "", 1, 320, 240, PAGE, null)).await(20, TimeUnit.SECONDS).png());
    BufferedImage b = decode(render(new RenderRequest("b", "", 2, 320, 240, PAGE, null)).await(20, TimeUnit.SECONDS).png());
    BufferedImage again = decode(render(new RenderRequest("c", "", 1, 320, 240, PAGE, null))
        .await(20, TimeUnit.SECONDS).png());
    assertTrue(meanDifference(a, b) > 5, "different seeds differ by " + meanDifference(a, b));
    assertEquals(0.0, meanDifference(a, again), "the same seed paints the same card");
  }

  @Test
  void aKoreanFontIsInstalledAndUsed() {
    assertTrue(CardFont.korean(), "no Korean-capable font: apt-get install fonts-nanum");
  }

  @Test
  void readinessIsDisabledAndBadSizesAreRefused() throws Exception {
    Readiness r = vertx.eventBus().<Readiness>request(Addresses.READY + "comfyui", new ReadinessQuery("comfyui"))
        .map(Message::body).await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.DISABLED, r.state());
    try {
      render(new RenderRequest("x", "", 1, 10, 99999, PAGE, null)).await(5, TimeUnit.SECONDS);
      throw new AssertionError("expected INVALID_REQUEST");
    } catch (Exception e) {
      assertEquals(ErrorCode.INVALID_REQUEST, Failures.toService(e).code());
    }
  }

  private Future<RenderReply> render(RenderRequest request) {
    return vertx.eventBus().<RenderReply>request(Addresses.COMFYUI_RENDER, request).map(Message::body);
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static double variance(BufferedImage image) {
    double sum = 0;
    double squares = 0;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int p = image.getRGB(x, y);
        double l = 0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff);
        sum += l;
        squares += l * l;
        n++;
      }
    }
    double mean = sum / n;
    return squares / n - mean * mean;
  }

  private static double meanDifference(BufferedImage a, BufferedImage b) {
    double total = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        total += Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
            + Math.abs((p & 0xff) - (q & 0xff));
      }
    }
    return total / (a.getWidth() * a.getHeight() * 3.0);
  }
}

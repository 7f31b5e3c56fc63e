package dev.storyvox.illustration;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws an illustration card in Java2D when no ComfyUI is configured: a watercolor wash seeded by the
 * request's seed with the page text set on a paper panel in a Korean-capable font, wrapped (between words,
 * inside a word when it is too long) and shrunk until it fits. Blocking and CPU-bound: call it from a worker
 * thread. Runs headless.
 */
public final class CardRenderer {

  private static final Color INK = new Color(0x3b, 0x33, 0x40);
  private static final float LINE_SPACING = 1.35f;

  /** The PNG card for {@code request} ({@code width × height}, text from {@code cardText}). */
  public byte[] render(RenderRequest request) {
    BufferedImage image = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      Watercolor.paint(image, g, request.seed());
      String text = request.cardText() == null ? "" : request.cardText().strip();
      if (!text.isEmpty()) {
        drawText(g, text, request.width(), request.height());
      }
    } finally {
      g.dispose();
    }
    return png(image);
  }

  private void drawText(Graphics2D g, String text, int width, int height) {
    int margin = Math.max(8, width / 16);
    int boxWidth = width - 2 * margin;
    int maxBoxHeight = (int) (height * 0.42);
    int padding = Math.max(6, width / 32);
    float size = Math.max(10f, width / 20f);
    List<String> lines;
    FontMetrics metrics;
    while (true) {
      g.setFont(CardFont.of(size, false));
      metrics = g.getFontMetrics();
      lines = wrap(text, metrics, boxWidth - 2 * padding);
      if (lines.size() * metrics.getHeight() * LINE_SPACING + 2 * padding <= maxBoxHeight || size <= 9f) {
        break;
      }
      size *= 0.9f;
    }
    int lineHeight = Math.round(metrics.getHeight() * LINE_SPACING);
    int boxHeight = Math.min(maxBoxHeight, lines.size() * lineHeight + 2 * padding);
    int top = height - margin - boxHeight;
    RoundRectangle2D panel = new RoundRectangle2D.Float(margin, top, boxWidth, boxHeight, padding * 2f, padding * 2f);
    g.setColor(new Color(255, 252, 245, 210));
    g.fill(panel);
    g.setColor(new Color(INK.getRed(), INK.getGreen(), INK.getBlue(), 60));
    g.setStroke(new BasicStroke(Math.max(1f, width / 400f)));
    g.draw(panel);
    g.setColor(INK);
    int baseline = top + padding + metrics.getAscent() + (lineHeight - metrics.getHeight()) / 2;
    for (String line : lines) {
      if (baseline > top + boxHeight) {
        break;
      }
      int x = margin + (boxWidth - metrics.stringWidth(line)) / 2;
      g.drawString(line, x, baseline);
      baseline += lineHeight;
    }
  }

  /** Lines of at most {@code maxWidth} pixels: breaks between words, and inside a word too long for a line. */
  static List<String> wrap(String text, FontMetrics metrics, int maxWidth) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\\R")) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.trim().split("\\s+")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (metrics.stringWidth(candidate) <= maxWidth) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        for (int i = 0; i < word.length(); i = word.offsetByCodePoints(i, 1)) {
          String ch = new String(Character.toChars(word.codePointAt(i)));
          if (line.length() > 0 && metrics.stringWidth(line + ch) > maxWidth) {
            lines.add(line.toString());
            line.setLength(0);
          }
          line.append(ch);
        }
      }
      if (line.length() > 0) {
        lines.add(line.toString());
      }
    }
    return lines;
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new ServiceException(ErrorCode.COMFYUI_FAILURE, "could not encode the illustration card: "
          + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}

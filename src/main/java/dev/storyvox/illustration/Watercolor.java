package dev.storyvox.illustration;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Paints a soft watercolor-like wash: a warm paper ground, a sky-to-meadow gradient, layered translucent
 * blobs with wobbly edges in a pastel palette drawn from the seed, and paper-grain noise. The same seed
 * always paints the same picture.
 */
final class Watercolor {

  private static final int BLOBS = 14;
  private static final int LAYERS = 6;
  private static final int GRAIN = 6;

  private Watercolor() {
  }

  /** Paints the whole of {@code image} for {@code seed}. */
  static void paint(BufferedImage image, Graphics2D g, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int w = image.getWidth();
    int h = image.getHeight();
    float hue = (float) random.nextDouble();
    g.setPaint(new GradientPaint(0, 0, pastel(hue + 0.55f, 0.25f, 0.97f), 0, h, pastel(hue + 0.25f, 0.30f, 0.93f)));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < BLOBS; i++) {
      float blobHue = hue + (float) random.nextDouble(-0.18, 0.18) + (i % 3) * 0.33f;
      Color color = pastel(blobHue, (float) random.nextDouble(0.35, 0.6), (float) random.nextDouble(0.75, 0.95));
      double cx = random.nextDouble(-0.1, 1.1) * w;
      double cy = random.nextDouble(-0.1, 1.1) * h;
      double radius = random.nextDouble(0.12, 0.32) * Math.min(w, h);
      blob(g, random, color, cx, cy, radius);
    }
    grain(image, random);
  }

  private static void blob(Graphics2D g, SplittableRandom random, Color color, double cx, double cy, double radius) {
    for (int layer = 0; layer < LAYERS; layer++) {
      double r = radius * (1.0 - layer * 0.09);
      double dx = random.nextDouble(-0.06, 0.06) * radius;
      double dy = random.nextDouble(-0.06, 0.06) * radius;
      g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 20 + random.nextInt(16)));
      g.fillPolygon(wobble(random, cx + dx, cy + dy, r));
    }
  }

  private static Polygon wobble(SplittableRandom random, double cx, double cy, double radius) {
    int points = 48;
    double[] phase = {random.nextDouble(Math.PI * 2), random.nextDouble(Math.PI * 2), random.nextDouble(Math.PI * 2)};
    Polygon polygon = new Polygon();
    for (int i = 0; i < points; i++) {
      double a = Math.PI * 2 * i / points;
      double edge = 1 + 0.12 * Math.sin(3 * a + phase[0]) + 0.07 * Math.sin(5 * a + phase[1])
          + 0.04 * Math.sin(11 * a + phase[2]) + random.nextDouble(-0.025, 0.025);
      polygon.addPoint((int) Math.round(cx + Math.cos(a) * radius * edge),
          (int) Math.round(cy + Math.sin(a) * radius * edge * 0.85));
    }
    return polygon;
  }

  private static void grain(BufferedImage image, SplittableRandom random) {
    int w = image.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int n = random.nextInt(-GRAIN, GRAIN + 1);
        int p = row[x];
        row[x] = 0xff000000 | clamp((p >> 16 & 0xff) + n) << 16 | clamp((p >> 8 & 0xff) + n) << 8
            | clamp((p & 0xff) + n);
      }
      image.setRGB(0, y, w, 1, row, 0, w);
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static Color pastel(float hue, float saturation, float brightness) {
    return Color.getHSBColor(hue - (float) Math.floor(hue), saturation, brightness);
  }
}

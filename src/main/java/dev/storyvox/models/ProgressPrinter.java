package dev.storyvox.models;

import java.io.PrintStream;

/**
 * Shows {@link ModelProgress} in a terminal: a redrawn bar on a TTY, otherwise one line every few seconds
 * (logs and CI keep a readable record), plus one line when a file ends.
 */
final class ProgressPrinter {

  private static final long LINE_EVERY_NS = 5_000_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean tty;
  private long lastLine;
  private boolean barOpen;

  ProgressPrinter(PrintStream out, boolean tty) {
    this.out = out;
    this.tty = tty;
  }

  void show(ModelProgress progress) {
    if (!ModelProgress.DOWNLOADING.equals(progress.state())) {
      if (barOpen) {
        out.println();
        barOpen = false;
      }
      out.println(progress.describe());
      return;
    }
    if (tty) {
      int filled = progress.percent() < 0 ? 0 : progress.percent() * WIDTH / 100;
      out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + progress.describe() + "   ");
      out.flush();
      barOpen = true;
    } else if (System.nanoTime() - lastLine >= LINE_EVERY_NS || lastLine == 0) {
      lastLine = System.nanoTime();
      out.println(progress.describe());
    }
  }
}

package dev.storyvox.models;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Where the download of one model file stands, published on {@code Addresses.MODELS_PROGRESS} (local to the
 * node that downloads) a few times a second, and once more when it ends.
 *
 * @param path the file's configured path ({@code models/ggml-base.bin})
 * @param state {@link #DOWNLOADING}, {@link #VERIFYING}, {@link #READY} or {@link #FAILED}
 * @param received bytes on disk so far (a resumed download counts what it resumed from)
 * @param total the file's size, or -1 while unknown
 * @param bytesPerSecond the recent transfer rate
 * @param error why it failed ({@link #FAILED}), else {@code null}
 */
public record ModelProgress(String path, String state, long received, long total, long bytesPerSecond,
                            String error) {

  public static final String DOWNLOADING = "DOWNLOADING";
  public static final String VERIFYING = "VERIFYING";
  public static final String READY = "READY";
  public static final String FAILED = "FAILED";

  private static final long MB = 1_000_000;

  /** The file name without its folder. */
  public String name() {
    return java.nio.file.Path.of(path).getFileName().toString();
  }

  /** Whole percent received, or -1 while the size is unknown. */
  public int percent() {
    return total > 0 ? (int) Math.min(100, received * 100 / total) : -1;
  }

  /**
   * One line for people: {@code downloading ggml-large-v3-turbo.bin 43 % (690 of 1,600 MB, 12 MB/s)}.
   */
  public String describe() {
    NumberFormat mb = NumberFormat.getIntegerInstance(Locale.US);
    return switch (state) {
      case READY -> name() + " downloaded and verified";
      case VERIFYING -> "verifying " + name() + " (" + mb.format(received / MB) + " MB)";
      case FAILED -> "download of " + name() + " failed: " + error;
      default -> "downloading " + name() + (total > 0
          ? " " + percent() + " % (" + mb.format(received / MB) + " of " + mb.format(total / MB) + " MB, "
          : " (" + mb.format(received / MB) + " MB, ")
          + mb.format(bytesPerSecond / MB) + " MB/s)";
    };
  }
}

package dev.storyvox.story;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Run ids such as {@code 20260122_130741_a3f2c1}: the UTC creation second, then three hex digits of the
 * millisecond and three random ones, so ids sort by creation time and never need escaping in a path.
 */
public final class RunIds {

  private static final Pattern FORMAT = Pattern.compile("[0-9]{8}_[0-9]{6}_[0-9a-f]{6}");
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
      .withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {
  }

  /** A new id for a run created at {@code now}. */
  public static String create(Instant now) {
    int millis = now.getNano() / 1_000_000;
    return SECOND.format(now) + "_" + String.format("%03x%03x", millis, RANDOM.nextInt(0x1000));
  }

  /** Whether {@code id} has the shape of a run id (anything else is never a folder name). */
  public static boolean isValid(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }
}

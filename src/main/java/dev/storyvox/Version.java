package dev.storyvox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, read once from the filtered {@code version.properties}. */
public final class Version {

  private static final String VALUE = load();

  private Version() {
  }

  /** The version of this build, e.g. {@code 0.1.0}. */
  public static String get() {
    return VALUE;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}

package dev.storyvox.bus;

/**
 * The readiness of one capability, answered on {@code Addresses.READY + name} by the verticle that owns it.
 *
 * @param state  READY, LOADING, UNAVAILABLE or DISABLED
 * @param reason a human sentence (the model path that is missing, the backend in use, …)
 */
public record Readiness(String state, String reason) {

  public static final String READY = "READY";
  public static final String LOADING = "LOADING";
  public static final String UNAVAILABLE = "UNAVAILABLE";
  public static final String DISABLED = "DISABLED";

  public static Readiness ready(String reason) {
    return new Readiness(READY, reason);
  }

  public static Readiness loading(String reason) {
    return new Readiness(LOADING, reason);
  }

  public static Readiness unavailable(String reason) {
    return new Readiness(UNAVAILABLE, reason);
  }

  public static Readiness disabled(String reason) {
    return new Readiness(DISABLED, reason);
  }
}

package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires header {@code x-internal-secret} on {@code /api/**} and {@code /v1/**} when a secret is
 * configured; the comparison takes the same time whatever the given value.
 */
public final class AuthHandler implements Handler<RoutingContext> {

  /** The header clients send the secret in. */
  public static final String HEADER = "x-internal-secret";
  private final byte[] secret;

  public AuthHandler(String secret) {
    this.secret = sha256(secret);
  }

  @Override
  public void handle(RoutingContext rc) {
    if (!ApiFamily.of(rc.request().path()).protectedByAuth()) {
      rc.next();
      return;
    }
    String given = rc.request().getHeader(HEADER);
    if (given != null && MessageDigest.isEqual(secret, sha256(given))) {
      rc.next();
    } else {
      rc.fail(new ServiceException(ErrorCode.UNAUTHORIZED, "missing or wrong " + HEADER + " header"));
    }
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

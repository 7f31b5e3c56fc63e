package dev.storyvox.config;

/** The HTTP server: where it binds, how many event loops serve it and its body limits. */
public record HttpConfig(String host, int port, int instances, long maxBodyBytes, long maxUploadBytes) {
  public HttpConfig {
    Check.notBlank("http.host", host);
    Check.range("http.port", port, 0, 65535);
    Check.range("http.instances", instances, 1, 256);
    Check.positive("http.maxBodyBytes", maxBodyBytes);
    Check.positive("http.maxUploadBytes", maxUploadBytes);
  }
}

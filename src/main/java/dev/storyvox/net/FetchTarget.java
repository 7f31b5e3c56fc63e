package dev.storyvox.net;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One parsed http(s) URL: what to resolve and dial, and what to ask for. The host is taken from the raw authority
 * (so that hosts {@link URI} treats as registry names, such as {@code 127.1}, are not lost) and numeric IPv4
 * spellings are made canonical by {@link NumericHost}. Every outbound request to a URL a user or a manifest gave
 * (audio downloads, callbacks, model files) is parsed here and dialled at the address {@link AddressGuard}
 * checked ({@link #request}), so what was checked is what is connected to.
 */
public record FetchTarget(URI uri, boolean ssl, String host, int port, String pathAndQuery) {

  /** Parses a URL the user gave; anything but an absolute http(s) URL with a host is {@code INVALID_URL}. */
  public static FetchTarget parse(String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.trim());
    } catch (URISyntaxException e) {
      throw invalid(url, "it is not a valid URL");
    }
    return of(uri, url);
  }

  /** The target a {@code Location} header points to, relative to this one. */
  public FetchTarget redirect(String location) {
    try {
      return of(uri.resolve(new URI(location.trim())), location);
    } catch (URISyntaxException | IllegalArgumentException | ServiceException e) {
      throw new ServiceException(ErrorCode.DOWNLOAD_FAILURE, "origin redirected to a URL that cannot be fetched: "
          + location);
    }
  }

  /** The host without IPv6 brackets, as handed to the resolver. */
  public String resolvableHost() {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * The request for this target that dials {@code checked} (the address {@link AddressGuard} approved) while
   * naming the host (Host header, TLS SNI); redirects are never followed by the client.
   */
  public RequestOptions request(HttpMethod method, InetAddress checked) {
    return new RequestOptions()
        .setMethod(method)
        .setServer(SocketAddress.inetSocketAddress(port, checked.getHostAddress()))
        .setHost(resolvableHost())
        .setPort(port)
        .setSsl(ssl)
        .setURI(pathAndQuery)
        .setFollowRedirects(false);
  }

  private static FetchTarget of(URI uri, String original) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(original, "only http and https URLs can be fetched");
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isBlank()) {
      throw invalid(original, "it has no host");
    }
    int at = authority.lastIndexOf('@');
    String hostPort = authority.substring(at + 1);
    int colon = hostPort.lastIndexOf(':');
    boolean hasPort = colon > hostPort.lastIndexOf(']');
    String host = hasPort ? hostPort.substring(0, colon) : hostPort;
    if (host.isBlank()) {
      throw invalid(original, "it has no host");
    }
    try {
      host = NumericHost.canonical(host).orElse(host);
    } catch (IllegalArgumentException e) {
      throw invalid(original, e.getMessage());
    }
    boolean ssl = scheme.equals("https");
    int port = hasPort ? parsePort(hostPort.substring(colon + 1), original) : ssl ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new FetchTarget(uri, ssl, host.toLowerCase(Locale.ROOT), port, path + query);
  }

  private static int parsePort(String text, String original) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(original, "its port is not a number from 1 to 65535");
  }

  private static ServiceException invalid(String url, String why) {
    return new ServiceException(ErrorCode.INVALID_URL, "cannot fetch '" + url + "': " + why);
  }
}

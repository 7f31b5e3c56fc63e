package dev.storyvox.net;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.DownloadConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves the host of a user-supplied URL and decides whether it may be dialled: every address it
 * resolves to must pass {@link AddressClassifier}, unless {@code download.allowPrivateNetworks} is set or
 * the host is in {@code download.allowedHosts}. Callers dial exactly the address returned, so a second DNS
 * answer cannot redirect the request.
 */
public final class AddressGuard {

  private final boolean allowPrivateNetworks;
  private final Set<String> allowedHosts;

  /** A guard with the download settings' rules. */
  public AddressGuard(DownloadConfig config) {
    this.allowPrivateNetworks = config.allowPrivateNetworks();
    this.allowedHosts = config.allowedHosts().stream()
        .map(host -> host.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The address to dial for {@code host}. Blocking (DNS): call it on a worker thread.
   *
   * @throws ServiceException with {@code failure} when the host does not resolve or an address is refused
   */
  public InetAddress check(String host, ErrorCode failure) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new ServiceException(failure, Reason.UNKNOWN_HOST, "cannot resolve host " + host);
    }
    if (!allowPrivateNetworks && !allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
      for (InetAddress address : addresses) {
        Optional<String> reason = AddressClassifier.refusalReason(address);
        if (reason.isPresent()) {
          throw new ServiceException(failure, Reason.REFUSED_ADDRESS, "refused address " + address.getHostAddress() + " ("
              + reason.get() + ") of host " + host);
        }
      }
    }
    return addresses[0];
  }
}

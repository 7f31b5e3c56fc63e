package dev.storyvox.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an address may be dialled for a user-supplied URL. Pure: it looks only at the address bytes,
 * never at DNS or the network. IPv4 addresses embedded in IPv6 (mapped {@code ::ffff:a.b.c.d} and the deprecated
 * compatible {@code ::a.b.c.d}) are judged as the IPv4 address they carry.
 */
public final class AddressClassifier {

  private record Block(byte[] prefix, int bits, String reason) {

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
        return false;
      }
      int rest = bits % 8;
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private static final List<Block> REFUSED = List.of(
      v4(0, 0, 8, "unspecified"),
      v4(10, 0, 8, "private"),
      v4(100, 64, 10, "carrier-grade NAT"),
      v4(127, 0, 8, "loopback"),
      v4(169, 254, 16, "link-local"),
      v4(172, 16, 12, "private"),
      v4(192, 168, 16, "private"),
      v4(224, 0, 4, "multicast"),
      v4(240, 0, 4, "reserved"),
      v6(0x0000, 128, "unspecified"),
      v6(0xfc00, 7, "private"),
      v6(0xfe80, 10, "link-local"),
      v6(0xfec0, 10, "site-local"),
      v6(0xff00, 8, "multicast"));

  private static final byte[] IPV6_LOOPBACK = new byte[16];

  static {
    IPV6_LOOPBACK[15] = 1;
  }

  private AddressClassifier() {
  }

  /**
   * Why the address must not be dialled ({@code "loopback"}, {@code "private"}, {@code "link-local"},
   * {@code "multicast"}, {@code "unspecified"}, {@code "carrier-grade NAT"}, ...), or empty when it is a public
   * unicast address.
   */
  public static Optional<String> refusalReason(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      if (Arrays.equals(bytes, IPV6_LOOPBACK)) {
        return Optional.of("loopback");
      }
      byte[] embedded = embeddedIpv4(bytes);
      if (embedded != null) {
        bytes = embedded;
      }
    }
    for (Block block : REFUSED) {
      if (block.contains(bytes)) {
        return Optional.of(block.reason());
      }
    }
    return Optional.empty();
  }

  private static byte[] embeddedIpv4(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return null;
      }
    }
    boolean mapped = v6[10] == (byte) 0xFF && v6[11] == (byte) 0xFF;
    boolean compatible = v6[10] == 0 && v6[11] == 0 && (v6[12] | v6[13]) != 0;
    return mapped || compatible ? Arrays.copyOfRange(v6, 12, 16) : null;
  }

  private static Block v4(int first, int second, int bits, String reason) {
    return new Block(new byte[] {(byte) first, (byte) second, 0, 0}, bits, reason);
  }

  private static Block v6(int firstHextet, int bits, String reason) {
    byte[] prefix = new byte[16];
    prefix[0] = (byte) (firstHextet >> 8);
    prefix[1] = (byte) firstHextet;
    return new Block(prefix, bits, reason);
  }
}

package dev.storyvox.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The address rules alone: every address is built from literal bytes (IPv6 ones kept as {@link Inet6Address}, so
 * the embedded-IPv4 rules are exercised), so no DNS and no connection. The first column is what a URL may say.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AddressClassifierTest {

  @ParameterizedTest(name = "{0} is refused as {2}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1        | 127,0,0,1                         | loopback",
      "127.1            | 127,0,0,1                         | loopback",
      "2130706433       | 127,0,0,1                         | loopback",
      "0x7f000001       | 127,0,0,1                         | loopback",
      "localhost        | 127,0,0,1                         | loopback",
      "127.255.255.254  | 127,255,255,254                   | loopback",
      "::1              | 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1   | loopback",
      "::ffff:127.0.0.1 | 0,0,0,0,0,0,0,0,0,0,255,255,127,0,0,1 | loopback",
      "::127.0.0.1      | 0,0,0,0,0,0,0,0,0,0,0,0,127,0,0,1 | loopback",
      "0.0.0.0          | 0,0,0,0                           | unspecified",
      ":: (any)         | 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0   | unspecified",
      "10.1.2.3         | 10,1,2,3                          | private",
      "172.16.5.4       | 172,16,5,4                        | private",
      "172.31.255.255   | 172,31,255,255                    | private",
      "192.168.1.1      | 192,168,1,1                       | private",
      "::ffff:10.0.0.1  | 0,0,0,0,0,0,0,0,0,0,255,255,10,0,0,1 | private",
      "fc00::1          | 252,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1 | private",
      "fd12::1          | 253,18,0,0,0,0,0,0,0,0,0,0,0,0,0,1 | private",
      "169.254.169.254  | 169,254,169,254                   | link-local",
      "::ffff:169.254.169.254 | 0,0,0,0,0,0,0,0,0,0,255,255,169,254,169,254 | link-local",
      "fe80::1          | 254,128,0,0,0,0,0,0,0,0,0,0,0,0,0,1 | link-local",
      "224.0.0.1        | 224,0,0,1                         | multicast",
      "ff02::1          | 255,2,0,0,0,0,0,0,0,0,0,0,0,0,0,1 | multicast",
      "100.64.0.1       | 100,64,0,1                        | carrier-grade NAT",
      "100.127.255.255  | 100,127,255,255                   | carrier-grade NAT",
      "255.255.255.255  | 255,255,255,255                   | reserved",
  })
  void refusesNonPublicAddresses(String written, String bytes, String reason) throws UnknownHostException {
    assertEquals(Optional.of(reason), AddressClassifier.refusalReason(address(bytes)), written);
  }

  @ParameterizedTest(name = "{0} is allowed")
  @CsvSource(delimiter = '|', value = {
      "8.8.8.8          | 8,8,8,8",
      "1.1.1.1          | 1,1,1,1",
      "172.32.0.1       | 172,32,0,1",
      "100.128.0.1      | 100,128,0,1",
      "192.169.0.1      | 192,169,0,1",
      "2606:4700::1111  | 38,6,71,0,0,0,0,0,0,0,0,0,0,0,17,17",
      "::ffff:8.8.8.8   | 0,0,0,0,0,0,0,0,0,0,255,255,8,8,8,8",
  })
  void allowsPublicAddresses(String written, String bytes) throws UnknownHostException {
    assertEquals(Optional.empty(), AddressClassifier.refusalReason(address(bytes)), written);
  }

  private static InetAddress address(String csvBytes) throws UnknownHostException {
    String[] parts = csvBytes.split(",");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i].trim());
    }
    return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
  }
}

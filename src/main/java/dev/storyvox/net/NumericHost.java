package dev.storyvox.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a host written as an IPv4 number the way browsers and curl do (the WHATWG URL IPv4 parser): hex
 * ({@code 0x7f000001}), octal ({@code 0177.0.0.1}), short ({@code 127.1}) and whole-number ({@code 2130706433})
 * forms. The fetcher checks and dials the canonical dotted quad, so no spelling means one address to the check and
 * another to a client that follows the link.
 */
final class NumericHost {

  private NumericHost() {
  }

  /**
   * The dotted quad a numeric host stands for, or empty when the host is a name.
   *
   * @throws IllegalArgumentException when the host is numeric but no IPv4 address (a part out of range)
   */
  static Optional<String> canonical(String host) {
    String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String[] parts = text.split("\\.", -1);
    if (text.isEmpty() || parts.length > 4) {
      return Optional.empty();
    }
    List<Long> numbers = new ArrayList<>();
    for (String part : parts) {
      Long number = number(part.toLowerCase(Locale.ROOT));
      if (number == null) {
        return Optional.empty();
      }
      numbers.add(number);
    }
    return Optional.of(dottedQuad(numbers, host));
  }

  private static String dottedQuad(List<Long> numbers, String host) {
    int last = numbers.size() - 1;
    long address = 0;
    for (int i = 0; i < last; i++) {
      if (numbers.get(i) > 255) {
        throw new IllegalArgumentException("host " + host + " is not an IPv4 address");
      }
      address |= numbers.get(i) << (8 * (3 - i));
    }
    long tail = numbers.get(last);
    if (tail >= 1L << (8 * (4 - last))) {
      throw new IllegalArgumentException("host " + host + " is not an IPv4 address");
    }
    address |= tail;
    return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
  }

  private static Long number(String part) {
    boolean hex = part.startsWith("0x");
    boolean octal = !hex && part.length() > 1 && part.startsWith("0");
    int radix = hex ? 16 : octal ? 8 : 10;
    String digits = hex ? part.substring(2) : octal ? part.substring(1) : part;
    if (digits.isEmpty()) {
      return hex ? 0L : null;
    }
    if (digits.length() > 12 || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
      return null;
    }
    return Long.parseLong(digits, radix);
  }
}

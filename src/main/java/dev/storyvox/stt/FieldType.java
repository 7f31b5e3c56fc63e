package dev.storyvox.stt;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The storybook field a child answers in one utterance, with its wire name ({@code field_type}). */
public enum FieldType {
  ERA("era"),
  PLACE("place"),
  CHARACTERS("characters"),
  TOPIC("topic");

  private final String wire;

  FieldType(String wire) {
    this.wire = wire;
  }

  /** The name used on the wire, e.g. {@code "era"}. */
  public String wire() {
    return wire;
  }

  /**
   * The field type for a wire name.
   *
   * @throws ServiceException {@link ErrorCode#INVALID_REQUEST} naming the allowed values when unknown
   */
  public static FieldType fromWire(String name) {
    for (FieldType type : values()) {
      if (type.wire.equals(name)) {
        return type;
      }
    }
    String allowed = Arrays.stream(values()).map(FieldType::wire).collect(Collectors.joining(", "));
    throw new ServiceException(ErrorCode.INVALID_REQUEST,
        "field_type must be one of " + allowed + ", not '" + name + "'");
  }
}

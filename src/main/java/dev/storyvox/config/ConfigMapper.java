package dev.storyvox.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;

/** Maps merged configuration JSON to {@link StoryvoxConfig}, turning Jackson's errors into one clear line. */
final class ConfigMapper {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  static {
    MAPPER.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
  }

  /** Reads {@link StoryvoxConfig}, its deserializers built once. */
  private static final ObjectReader READER = MAPPER.readerFor(StoryvoxConfig.class);

  private ConfigMapper() {
  }

  static StoryvoxConfig map(JsonObject json) {
    try {
      return READER.readValue(ModelSettings.fill(EngineSizing.fill(json, Runtime.getRuntime().availableProcessors())).encode());
    } catch (JsonMappingException e) {
      throw new ConfigException(describe(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException("invalid configuration: " + e.getOriginalMessage());
    }
  }

  private static String describe(JsonMappingException e) {
    String key = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae) {
      return "config " + iae.getMessage();
    }
    if (e instanceof UnrecognizedPropertyException upe) {
      return "config " + key + ": unknown key (known keys here: "
          + upe.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
    }
    if (e instanceof InvalidFormatException ife) {
      return "config " + key + ": expected " + typeName(ife.getTargetType()) + ", got \"" + ife.getValue() + "\"";
    }
    if (e instanceof MismatchedInputException mie) {
      if (mie.getMessage().contains("null")) {
        return "config " + key + ": expected " + typeName(mie.getTargetType()) + ", got null";
      }
      String got = currentText(mie);
      return "config " + key + ": expected " + typeName(mie.getTargetType()) + (got == null ? "" : ", got \"" + got + "\"");
    }
    return "config " + key + ": " + e.getOriginalMessage();
  }

  private static String currentText(MismatchedInputException e) {
    try {
      return e.getProcessor() instanceof JsonParser parser ? parser.getText() : null;
    } catch (java.io.IOException io) {
      return null;
    }
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a value of another form";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list, e.g. [0]";
    }
    if (type.isRecord()) {
      return "a section (a map of keys)";
    }
    return "a " + type.getSimpleName();
  }
}

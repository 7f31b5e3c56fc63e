package dev.storyvox.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps merged configuration JSON to {@link StoryvoxConfig}: each section to its record through the record's
 * canonical constructor (whose checks name the key), strictly typed — an integer is never a string or a
 * fraction, true or false never a string, a string may be written as a number — unknown keys refused with the
 * known ones listed, every error one line naming the key. Plain reflection over the records: Jackson
 * databind's cold start took a fifth of a second before the HTTP server could listen.
 */
final class ConfigMapper {

  private ConfigMapper() {
  }

  static StoryvoxConfig map(JsonObject json) {
    JsonObject filled = ModelSettings.fill(EngineSizing.fill(json, Runtime.getRuntime().availableProcessors()));
    return section(StoryvoxConfig.class, filled, "");
  }

  private static <R> R section(Class<R> type, JsonObject json, String path) {
    RecordComponent[] components = type.getRecordComponents();
    Map<String, RecordComponent> byKey = new LinkedHashMap<>();
    for (RecordComponent component : components) {
      byKey.put(key(component), component);
    }
    for (String field : json.fieldNames()) {
      if (!byKey.containsKey(field)) {
        throw new ConfigException("config " + join(path, field) + ": unknown key (known keys here: "
            + String.join(", ", new TreeSet<>(byKey.keySet())) + ")");
      }
    }
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      String key = key(components[i]);
      types[i] = components[i].getType();
      values[i] = json.containsKey(key)
          ? value(components[i].getGenericType(), json.getValue(key), join(path, key))
          : absent(types[i]);
    }
    try {
      Constructor<R> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ConfigException config) {
        throw config;
      }
      throw new ConfigException("config " + (e.getCause() instanceof IllegalArgumentException bad ? bad.getMessage()
          : path + ": " + e.getCause()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " is not a configuration record", e);
    }
  }

  private static Object value(Type type, Object raw, String key) {
    Class<?> target = raw(type);
    if (raw == null) {
      if (target.isPrimitive()) {
        throw new ConfigException("config " + key + ": expected " + typeName(target) + ", got null");
      }
      return null;
    }
    if (target == String.class) {
      return raw instanceof JsonObject || raw instanceof JsonArray ? mismatch(target, raw, key) : raw.toString();
    }
    if (target == int.class || target == Integer.class) {
      Long whole = whole(raw);
      return whole != null && whole == whole.intValue() ? Integer.valueOf(whole.intValue()) : mismatch(target, raw, key);
    }
    if (target == long.class || target == Long.class) {
      Long whole = whole(raw);
      return whole != null ? whole : mismatch(target, raw, key);
    }
    if (target == double.class || target == Double.class) {
      return raw instanceof Number number ? Double.valueOf(number.doubleValue()) : mismatch(target, raw, key);
    }
    if (target == boolean.class || target == Boolean.class) {
      return raw instanceof Boolean ? raw : mismatch(target, raw, key);
    }
    if (target == List.class && raw instanceof JsonArray array) {
      Type element = argument(type, 0);
      List<Object> list = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        list.add(value(element, array.getValue(i), key + "[" + i + "]"));
      }
      return list;
    }
    if (target == Map.class && raw instanceof JsonObject object) {
      Type element = argument(type, 1);
      Map<String, Object> map = new LinkedHashMap<>();
      for (String field : object.fieldNames()) {
        map.put(field, value(element, object.getValue(field), join(key, field)));
      }
      return map;
    }
    if (target.isRecord() && raw instanceof JsonObject object) {
      return section(target, object, key);
    }
    return mismatch(target, raw, key);
  }

  /** What Java gives a component whose key is not there at all: null, or a primitive's zero. */
  private static Object absent(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    return type == double.class ? 0.0 : type == long.class ? (Object) 0L : (Object) 0;
  }

  /** An integral number's value, or null for a fraction, text or a number too large for a long. */
  private static Long whole(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    if (raw instanceof BigDecimal decimal && decimal.scale() <= 0 && decimal.toBigInteger().bitLength() < Long.SIZE) {
      return decimal.longValue();
    }
    return null;
  }

  private static Object mismatch(Class<?> target, Object raw, String key) {
    String got = raw instanceof JsonObject ? "a section" : raw instanceof JsonArray ? "a list" : "\"" + raw + "\"";
    throw new ConfigException("config " + key + ": expected " + typeName(target) + ", got " + got);
  }

  private static String key(RecordComponent component) {
    ConfigKey key = component.getAnnotation(ConfigKey.class);
    return key == null ? component.getName() : key.value();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
  }

  private static Type argument(Type type, int index) {
    return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index] : Object.class;
  }

  private static String typeName(Class<?> type) {
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
    if (List.class.isAssignableFrom(type)) {
      return "a list, e.g. [0]";
    }
    if (type.isRecord() || Map.class.isAssignableFrom(type)) {
      return "a section (a map of keys)";
    }
    return "a " + type.getSimpleName();
  }
}

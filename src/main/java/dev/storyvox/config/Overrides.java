package dev.storyvox.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Applies environment variables and system properties on top of the file configuration. Only keys the
 * files define can be set. Environment names are {@code STORYVOX_<SECTION>_<KEY>} (underscores inside a
 * camel-case key are optional: {@code STORYVOX_AUTH_INTERNAL_SECRET}); the original IMYME names
 * {@code RUNPOD_API_KEY} and {@code RUNPOD_ENDPOINT_ID} also work. System properties are
 * {@code storyvox.<section>.<key>}. Values are read as YAML scalars or flow lists ({@code [0,1]}).
 */
final class Overrides {

  private static final Logger LOG = LoggerFactory.getLogger(Overrides.class);
  private static final String ENV_PREFIX = "STORYVOX_";
  private static final String PROP_PREFIX = "storyvox.";
  private static final Map<String, String> ENV_ALIASES = Map.of(
      "RUNPOD_API_KEY", "runpod.apiKey",
      "RUNPOD_ENDPOINT_ID", "runpod.endpointId");
  private static final java.util.Set<String> LAUNCHER_ENV = java.util.Set.of("STORYVOX_JAVA_OPTS", "STORYVOX_HOME");

  private Overrides() {
  }

  static JsonObject apply(JsonObject json, Map<String, String> env, Properties props) {
    JsonObject result = json.copy();
    List<String> keys = new ArrayList<>();
    leafKeys(result, "", keys);
    ENV_ALIASES.forEach((name, key) -> {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        set(result, key, value, name);
      }
    });
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && !LAUNCHER_ENV.contains(name)) {
        String key = match(keys, normalise(name.substring(ENV_PREFIX.length())));
        if (key == null) {
          LOG.warn("environment variable {} matches no config key; ignored", name);
        } else {
          set(result, key, value, name);
        }
      }
    });
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(PROP_PREFIX)) {
        String key = match(keys, normalise(name.substring(PROP_PREFIX.length())));
        if (key != null) {
          set(result, key, props.getProperty(name), "-D" + name);
        }
      }
    }
    return result;
  }

  private static void leafKeys(JsonObject json, String prefix, List<String> out) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      if (value instanceof JsonObject child && !child.isEmpty()) {
        leafKeys(child, prefix + field + ".", out);
      } else {
        out.add(prefix + field);
      }
    }
  }

  private static String normalise(String name) {
    return name.replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
  }

  private static String match(List<String> keys, String normalised) {
    for (String key : keys) {
      if (normalise(key).equals(normalised)) {
        return key;
      }
    }
    return null;
  }

  private static void set(JsonObject root, String key, String raw, String source) {
    String[] path = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.getJsonObject(path[i]);
    }
    node.put(path[path.length - 1], parse(raw, source, key));
  }

  private static Object parse(String raw, String source, String key) {
    try {
      Object value = new Yaml().load(raw);
      if (value instanceof List<?> list) {
        return new JsonArray(new ArrayList<>(list));
      }
      if (value instanceof Map<?, ?>) {
        throw new ConfigException("config " + key + " (from " + source + "): expected a scalar or a list, got a map");
      }
      return value instanceof java.util.Date ? raw : value;
    } catch (YAMLException e) {
      throw new ConfigException("config " + key + " (from " + source + "): cannot read value \"" + raw + "\"");
    }
  }
}

package dev.storyvox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration's type rules, on the shipped defaults with one value changed: what a user writes in YAML is
 * taken where it means the key's type and refused with one line naming the key where it does not.
 */
class ConfigMapperTest {

  private static JsonObject defaults;

  @BeforeAll
  static void readDefaults() throws Exception {
    defaults = new JsonObject(new Yaml().<java.util.Map<String, Object>>load(
        Files.readString(Path.of("conf", "config.yaml"))));
  }

  private static JsonObject with(String section, String key, Object value) {
    JsonObject json = defaults.copy();
    json.getJsonObject(section).put(key, value);
    return json;
  }

  private static String refusal(JsonObject json) {
    return assertThrows(ConfigException.class, () -> ConfigMapper.map(json)).getMessage();
  }

  @Test
  void theDefaultsMapAndAModelFilesForKeyIsRead() {
    JsonObject json = defaults.copy();
    json.getJsonObject("models").put("files", new JsonArray().add(new JsonObject().put("path", "models/a.bin")
        .put("url", "a.bin").put("sha256", null).put("bytes", 12).put("for", "stt.model")));
    StoryvoxConfig config = ConfigMapper.map(json);
    ModelFileConfig file = config.models().files().get(0);
    assertEquals("stt.model", file.usedBy());
    assertEquals(12L, file.bytes());
    assertEquals(8000, config.http().port());
  }

  @Test
  void numbersAreNeverTextAndWholeNumbersNeverFractions() {
    assertEquals("config http.port: expected an integer, got \"8000\"", refusal(with("http", "port", "8000")));
    assertEquals("config http.port: expected an integer, got \"8000.5\"", refusal(with("http", "port", 8000.5)));
    assertEquals("config http.port: expected an integer, got \"true\"", refusal(with("http", "port", true)));
    assertEquals("config http.port: expected an integer, got null", refusal(with("http", "port", null)));
    assertEquals("config http.port: expected an integer, got \"4294967296\"",
        refusal(with("http", "port", 4_294_967_296L)));
    assertEquals("config download.maxBytes: expected an integer, got a section",
        refusal(with("download", "maxBytes", new JsonObject().put("a", 1))));
  }

  @Test
  void trueOrFalseIsNeverTextAndTextMayBeANumber() {
    assertEquals("config story.requireKorean: expected true or false, got \"yes\"",
        refusal(with("story", "requireKorean", "yes")));
    assertEquals("12345", ConfigMapper.map(with("auth", "internalSecret", 12345)).auth().internalSecret());
    assertEquals("config auth.internalSecret: expected a string, got a list",
        refusal(with("auth", "internalSecret", new JsonArray().add("a"))));
  }

  @Test
  void listItemsAreNamedByTheirPlace() {
    assertEquals(List.of(0, 1), ConfigMapper.map(with("gpu", "devices", new JsonArray().add(0).add(1))).gpu().devices());
    assertEquals("config gpu.devices[1]: expected an integer, got \"one\"",
        refusal(with("gpu", "devices", new JsonArray().add(0).add("one"))));
    assertEquals("config gpu.devices: expected a list, e.g. [0], got \"0\"", refusal(with("gpu", "devices", "0")));
  }

  @Test
  void unknownKeysListTheKnownOnesAndChecksNameTheirKey() {
    String unknown = refusal(with("sse", "maxConnection", 5));
    assertTrue(unknown.startsWith("config sse.maxConnection: unknown key (known keys here: "), unknown);
    assertTrue(unknown.contains("maxConnections"), unknown);
    JsonObject json = defaults.copy().put("surprise", 1);
    assertTrue(refusal(json).startsWith("config surprise: unknown key (known keys here: auth, "), refusal(json));
    assertEquals("config http.port: expected an integer from 0 to 65535, got 70000",
        refusal(with("http", "port", 70_000)));
  }
}

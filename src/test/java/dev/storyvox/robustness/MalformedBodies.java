package dev.storyvox.robustness;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates malformed or mutated request bodies from a valid one with a seeded random: values of the
 * wrong type, huge numbers, deep nesting, long strings, invalid UTF-8, duplicate keys, nulls, arrays for
 * objects, missing or unknown fields, byte-level damage, empty bodies and wrong content types. Strings it
 * makes never hold {@code ://}, so no mutation names a new host for the server to dial.
 */
final class MalformedBodies {

  /** One request body and the content type it is sent with (null: no header). */
  record Body(String contentType, Buffer bytes, String kind) {
  }

  private static final String JSON = "application/json";
  private static final List<String> WRONG_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
      "multipart/form-data", "application/xml", "application/json; charset=latin1", "*/*");
  private static final String ALPHABET = "abc XYZ 012 가나다 \u0000\t\"\\{}[],é😀\u202e";

  private final Random random;

  MalformedBodies(long seed) {
    this.random = new Random(seed);
  }

  /** {@code count} bodies derived from {@code valid}. */
  List<Body> from(JsonObject valid, int count) {
    List<Body> bodies = new ArrayList<>(fixed(valid));
    while (bodies.size() < count) {
      bodies.add(next(valid));
    }
    return bodies;
  }

  private List<Body> fixed(JsonObject valid) {
    String text = valid.encode();
    List<Body> list = new ArrayList<>();
    for (String raw : List.of("", " ", "null", "[]", "{}", "[" + text + "]", "\"" + text + "\"", "123", "true",
        "{", text.substring(0, text.length() / 2), text + "}", text + text, "\uFEFF" + text, "{\"a\":1,}",
        "{'a':1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":1e999999}", "{\"a\":-0}", "{\"a\":0x10}")) {
      list.add(json(raw, "fixed"));
    }
    list.add(json("[".repeat(100_000) + "]".repeat(100_000), "deep array"));
    list.add(json("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000), "deep object"));
    list.add(new Body(JSON, Buffer.buffer(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
        "invalid utf-8"));
    for (String type : WRONG_TYPES) {
      list.add(new Body(type, Buffer.buffer(text), "content-type " + type));
    }
    list.add(new Body(null, Buffer.buffer(text), "no content-type"));
    return list;
  }

  private Body next(JsonObject valid) {
    return switch (random.nextInt(6)) {
      case 0 -> json(replaceValue(valid.copy()).encode(), "wrong value");
      case 1 -> json(dropOrAdd(valid.copy()).encode(), "field dropped or added");
      case 2 -> json(duplicateKey(valid), "duplicate key");
      case 3 -> new Body(JSON, damage(valid.encode().getBytes(StandardCharsets.UTF_8)), "byte damage");
      case 4 -> json(wrap(valid).encode(), "object in the wrong place");
      default -> new Body(random.nextBoolean() ? JSON : WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size())),
          Buffer.buffer(replaceValue(valid.copy()).encode()), "mutated with content type");
    };
  }

  private JsonObject replaceValue(JsonObject body) {
    String key = pickKey(body);
    Object current = body.getValue(key);
    if (current instanceof JsonObject nested && !nested.isEmpty() && random.nextBoolean()) {
      body.put(key, replaceValue(nested));
    } else {
      body.put(key, evilValue());
    }
    return body;
  }

  private JsonObject dropOrAdd(JsonObject body) {
    if (random.nextBoolean() && !body.isEmpty()) {
      body.remove(pickKey(body));
    } else {
      body.put(randomString(1 + random.nextInt(12)), evilValue());
    }
    return body;
  }

  private String duplicateKey(JsonObject valid) {
    String key = valid.isEmpty() ? "x" : pickKey(valid);
    String text = valid.encode();
    String extra = "\"" + key + "\":" + new JsonArray().add(evilValue()).encode().replaceAll("^\\[|]$", "");
    return text.length() <= 2 ? "{" + extra + "," + extra + "}" : "{" + extra + "," + text.substring(1);
  }

  private JsonObject wrap(JsonObject valid) {
    return random.nextBoolean() ? new JsonObject().put("data", valid)
        : new JsonObject().put(valid.isEmpty() ? "x" : pickKey(valid), new JsonArray().add(valid));
  }

  private Buffer damage(byte[] bytes) {
    int edits = 1 + random.nextInt(4);
    Buffer out = Buffer.buffer(bytes);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      byte b = (byte) random.nextInt(256);
      Buffer next = Buffer.buffer();
      switch (random.nextInt(3)) {
        case 0 -> next.appendBuffer(out.getBuffer(0, at)).appendByte(b).appendBuffer(out.getBuffer(at + 1, out.length()));
        case 1 -> next.appendBuffer(out.getBuffer(0, at)).appendByte(b).appendBuffer(out.getBuffer(at, out.length()));
        default -> next.appendBuffer(out.getBuffer(0, at)).appendBuffer(out.getBuffer(at + 1, out.length()));
      }
      out = next;
    }
    return out;
  }

  private Object evilValue() {
    return switch (random.nextInt(14)) {
      case 0 -> null;
      case 1 -> random.nextLong();
      case 2 -> Long.MIN_VALUE;
      case 3 -> new java.math.BigInteger("9".repeat(1 + random.nextInt(400)));
      case 4 -> random.nextDouble() * 1e300;
      case 5 -> -1;
      case 6 -> 0;
      case 7 -> random.nextBoolean();
      case 8 -> new JsonArray().add(randomString(5)).add(1);
      case 9 -> new JsonObject().put(randomString(3), randomString(3));
      case 10 -> randomString(random.nextInt(3) == 0 ? 30_000 + random.nextInt(30_000) : random.nextInt(40));
      case 11 -> nested(1 + random.nextInt(300));
      case 12 -> "";
      default -> " \t\n ";
    };
  }

  private Object nested(int depth) {
    Object value = randomString(3);
    for (int i = 0; i < depth; i++) {
      value = random.nextBoolean() ? new JsonArray().add(value) : new JsonObject().put("k", value);
    }
    return value;
  }

  private String pickKey(JsonObject body) {
    List<String> keys = new ArrayList<>(body.fieldNames());
    return keys.get(random.nextInt(keys.size()));
  }

  private String randomString(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static Body json(String text, String kind) {
    return new Body(JSON, Buffer.buffer(text), kind);
  }
}

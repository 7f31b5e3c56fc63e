package dev.storyvox.bus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One codec for every message record of storyvox. Locally the same instance is passed through (records
 * are immutable); on the wire the record is written as its class name followed by its JSON, so the same
 * code runs standalone and clustered. Float arrays (decoded audio) are not JSON numbers there: they follow
 * the JSON as raw float32, four bytes a sample ({@link FloatArrays}). Only records of the
 * {@code dev.storyvox} packages are accepted.
 */
public final class RecordCodec implements MessageCodec<Record, Record> {

  /** The codec's registered name. */
  public static final String NAME = "storyvox-record";

  private static final String PACKAGE = "dev.storyvox.";

  /** The wire's JSON mapper, made on the first message that crosses the wire (a node alone never needs it). */
  private static final class Wire {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .findAndRegisterModules()
        .registerModule(FloatArrays.module())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** Registers the codec and selects it for every storyvox record sent on the bus of {@code vertx}. */
  public static void register(Vertx vertx) {
    vertx.eventBus().registerCodec(new RecordCodec());
    vertx.eventBus().codecSelector(body -> isMessageRecord(body) ? NAME : null);
  }

  static boolean isMessageRecord(Object body) {
    return body instanceof Record && body.getClass().getName().startsWith(PACKAGE);
  }

  @Override
  public void encodeToWire(Buffer buffer, Record record) {
    byte[] type = record.getClass().getName().getBytes(StandardCharsets.UTF_8);
    List<float[]> arrays = new ArrayList<>();
    try {
      byte[] json = Wire.MAPPER.writer().withAttribute(FloatArrays.ATTRIBUTE, arrays).writeValueAsBytes(record);
      buffer.appendInt(type.length).appendBytes(type).appendInt(json.length).appendBytes(json);
      FloatArrays.write(buffer, arrays);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getClass().getSimpleName(), e);
    }
  }

  @Override
  public Record decodeFromWire(int pos, Buffer buffer) {
    int typeLength = buffer.getInt(pos);
    String type = buffer.getString(pos + 4, pos + 4 + typeLength, "UTF-8");
    int jsonStart = pos + 4 + typeLength;
    int jsonLength = buffer.getInt(jsonStart);
    byte[] json = buffer.getBytes(jsonStart + 4, jsonStart + 4 + jsonLength);
    if (!type.startsWith(PACKAGE)) {
      throw new IllegalArgumentException("refusing to decode " + type);
    }
    try {
      Class<?> cls = Class.forName(type, false, RecordCodec.class.getClassLoader());
      if (!cls.isRecord()) {
        throw new IllegalArgumentException(type + " is not a record");
      }
      List<float[]> arrays = FloatArrays.read(buffer, jsonStart + 4 + jsonLength);
      return (Record) Wire.MAPPER.readerFor(cls).withAttribute(FloatArrays.ATTRIBUTE, arrays).readValue(json);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("unknown message type " + type, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode " + type, e);
    }
  }

  @Override
  public Record transform(Record record) {
    return record;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}

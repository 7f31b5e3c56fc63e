package dev.storyvox.bus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The float arrays of a message record (decoded audio samples) on the wire: the record's JSON names each
 * array by its index, and the arrays follow the JSON as raw little-endian float32, four bytes a value,
 * rather than as JSON numbers. The arrays of one message are collected and handed over through a Jackson
 * attribute under {@link #ATTRIBUTE}.
 */
final class FloatArrays {

  /** The Jackson attribute holding the {@code List<float[]>} of the message being written or read. */
  static final String ATTRIBUTE = FloatArrays.class.getName();

  private FloatArrays() {
  }

  /** The Jackson module that writes and reads float arrays as indexes into the attribute's list. */
  static Module module() {
    return new SimpleModule("storyvox-float-arrays")
        .addSerializer(float[].class, new Writer())
        .addDeserializer(float[].class, new Reader());
  }

  /** Appends {@code arrays}: their count, then each one's length and its values as float32 little-endian. */
  static void write(Buffer buffer, List<float[]> arrays) {
    buffer.appendInt(arrays.size());
    for (float[] values : arrays) {
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(values);
      buffer.appendInt(values.length).appendBytes(bytes.array());
    }
  }

  /** The arrays {@link #write} appended at {@code pos} of {@code buffer}. */
  static List<float[]> read(Buffer buffer, int pos) {
    int count = buffer.getInt(pos);
    List<float[]> arrays = new ArrayList<>(Math.max(0, Math.min(count, 16)));
    int at = pos + Integer.BYTES;
    for (int i = 0; i < count; i++) {
      int length = buffer.getInt(at);
      int start = at + Integer.BYTES;
      if (length < 0 || length > (buffer.length() - start) / Float.BYTES) {
        throw new IllegalArgumentException("float array " + i + " of " + length + " values overruns the message");
      }
      float[] values = new float[length];
      ByteBuffer.wrap(buffer.getBytes(start, start + length * Float.BYTES))
          .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      arrays.add(values);
      at = start + length * Float.BYTES;
    }
    return arrays;
  }

  @SuppressWarnings("unchecked")
  private static List<float[]> arrays(Object attribute) {
    if (!(attribute instanceof List<?> list)) {
      throw new IllegalStateException("float arrays are written and read by RecordCodec only");
    }
    return (List<float[]>) list;
  }

  private static final class Writer extends StdSerializer<float[]> {

    Writer() {
      super(float[].class);
    }

    @Override
    public void serialize(float[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
      List<float[]> arrays = arrays(provider.getAttribute(ATTRIBUTE));
      arrays.add(values);
      gen.writeNumber(arrays.size() - 1);
    }
  }

  private static final class Reader extends StdDeserializer<float[]> {

    Reader() {
      super(float[].class);
    }

    @Override
    public float[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      List<float[]> arrays = arrays(ctxt.getAttribute(ATTRIBUTE));
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        return (float[]) ctxt.handleUnexpectedToken(float[].class, p);
      }
      int index = p.getIntValue();
      if (index < 0 || index >= arrays.size()) {
        return (float[]) ctxt.handleWeirdNumberValue(float[].class, index, "no float array %d on the wire", index);
      }
      return arrays.get(index);
    }
  }
}

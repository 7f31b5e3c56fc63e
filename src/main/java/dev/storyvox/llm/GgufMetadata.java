package dev.storyvox.llm;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The string entries of a GGUF file's metadata header (e.g. {@code tokenizer.chat_template}). llama.cpp
 * falls back to ChatML silently when a model has no chat template; reading the header tells the two apart.
 */
final class GgufMetadata {

  /** The key of the model's own chat template. */
  static final String CHAT_TEMPLATE = "tokenizer.chat_template";

  private static final int MAGIC = 0x46554747; // "GGUF" little-endian
  private static final int TYPE_STRING = 8;
  private static final int TYPE_ARRAY = 9;
  private static final int[] FIXED_SIZES = {1, 1, 2, 2, 4, 4, 4, 1, -1, -1, 8, 8, 8};

  private final Map<String, String> strings;

  private GgufMetadata(Map<String, String> strings) {
    this.strings = strings;
  }

  /** Reads the metadata header of a GGUF file. */
  static GgufMetadata read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      LittleEndian le = new LittleEndian(new DataInputStream(in));
      if (le.int32() != MAGIC) {
        throw new IOException(file + " is not a GGUF file");
      }
      le.int32();
      le.int64();
      long count = le.int64();
      Map<String, String> strings = new HashMap<>();
      for (long i = 0; i < count; i++) {
        String key = le.string();
        int type = le.int32();
        if (type == TYPE_STRING) {
          strings.put(key, le.string());
        } else {
          skipValue(le, type);
        }
      }
      return new GgufMetadata(strings);
    }
  }

  /** A string entry, or {@code null}. */
  String string(String key) {
    return strings.get(key);
  }

  private static void skipValue(LittleEndian le, int type) throws IOException {
    if (type == TYPE_ARRAY) {
      int elementType = le.int32();
      long n = le.int64();
      for (long i = 0; i < n; i++) {
        skipValue(le, elementType);
      }
    } else if (type == TYPE_STRING) {
      le.skip(le.int64());
    } else if (type >= 0 && type < FIXED_SIZES.length) {
      le.skip(FIXED_SIZES[type]);
    } else {
      throw new IOException("unknown GGUF value type " + type);
    }
  }

  /** Little-endian reads over a stream. */
  private record LittleEndian(DataInputStream in) {

    int int32() throws IOException {
      return Integer.reverseBytes(in.readInt());
    }

    long int64() throws IOException {
      return Long.reverseBytes(in.readLong());
    }

    String string() throws IOException {
      long length = int64();
      if (length < 0 || length > Integer.MAX_VALUE - 8) {
        throw new IOException("GGUF string of " + length + " bytes");
      }
      return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
    }

    void skip(long bytes) throws IOException {
      long left = bytes;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException("GGUF header ends early");
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }
  }
}

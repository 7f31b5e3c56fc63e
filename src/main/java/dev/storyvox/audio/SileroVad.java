package dev.storyvox.audio;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Silero VAD v5 ({@code silero_vad_v5.onnx}) on ONNX Runtime: the speech probability of every 512-sample window
 * (32 ms) of 16 kHz audio. Each window is fed with the 64 samples before it as context and the recurrent state the
 * previous window left ({@code state} {@code [2, 1, 128]} in, {@code stateN} out), as Silero's own
 * {@code OnnxWrapper} does; the last window is padded with zeros. The session is loaded once and shared: ONNX
 * Runtime runs one session from many threads at once, and the per-stream state lives in each
 * {@link #probabilities} call. Loading and running block: call them on a worker thread.
 */
public final class SileroVad implements AutoCloseable {

  /** Samples per window at 16 kHz. */
  public static final int WINDOW = 512;
  /** Samples of the previous window prepended to each window. */
  public static final int CONTEXT = 64;
  private static final int STATE = 128;

  private final OrtEnvironment env;
  private final OrtSession session;

  private SileroVad(OrtEnvironment env, OrtSession session) {
    this.env = env;
    this.session = session;
  }

  /**
   * Loads the model; fails with {@link IllegalArgumentException} naming the file when it is missing or not a
   * Silero v5 graph (inputs {@code input}, {@code state}, {@code sr}; outputs {@code output}, {@code stateN}).
   */
  public static SileroVad load(Path model) {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("VAD model not found: " + model);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(model.toString(), options);
      try {
        check(model, session);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      return new SileroVad(env, session);
    } catch (OrtException e) {
      throw new IllegalArgumentException("VAD model " + model + " does not load: " + e.getMessage(), e);
    }
  }

  private static void check(Path model, OrtSession session) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    boolean v5 = inputs.keySet().equals(java.util.Set.of("input", "state", "sr"))
        && outputs.keySet().equals(java.util.Set.of("output", "stateN"))
        && inputs.get("state").getInfo() instanceof TensorInfo state
        && Arrays.equals(new long[] {2, -1, STATE}, state.getShape());
    if (!v5) {
      throw new IllegalArgumentException("VAD model " + model + " is not Silero VAD v5: inputs " + describe(inputs)
          + ", outputs " + describe(outputs) + " (expected input, state [2, -1, 128], sr; output, stateN)");
    }
  }

  private static String describe(Map<String, NodeInfo> nodes) {
    return nodes.values().stream().map(n -> n.getName() + (n.getInfo() instanceof TensorInfo t
        ? Arrays.toString(t.getShape()) : "")).toList().toString();
  }

  /** The speech probability of each 512-sample window of {@code samples} (16 kHz mono), in order. */
  public float[] probabilities(float[] samples) {
    int windows = (samples.length + WINDOW - 1) / WINDOW;
    float[] probabilities = new float[windows];
    float[] input = new float[CONTEXT + WINDOW];
    float[] state = new float[2 * STATE];
    try (OnnxTensor rate = OnnxTensor.createTensor(env, (long) AudioDecoder.SAMPLE_RATE)) {
      for (int w = 0; w < windows; w++) {
        System.arraycopy(input, WINDOW, input, 0, CONTEXT);
        int from = w * WINDOW;
        int n = Math.min(WINDOW, samples.length - from);
        System.arraycopy(samples, from, input, CONTEXT, n);
        Arrays.fill(input, CONTEXT + n, input.length, 0f);
        probabilities[w] = step(input, state, rate);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Silero VAD failed: " + e.getMessage(), e);
    }
    return probabilities;
  }

  private float step(float[] input, float[] state, OnnxTensor rate) throws OrtException {
    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, input.length});
         OnnxTensor h = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, 1, STATE});
         OrtSession.Result result = session.run(Map.of("input", x, "state", h, "sr", rate))) {
      float probability = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer().get(0);
      ((OnnxTensor) result.get("stateN").orElseThrow()).getFloatBuffer().get(state);
      return probability;
    }
  }

  /** Frees the session. */
  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}

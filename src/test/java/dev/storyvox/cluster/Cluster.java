package dev.storyvox.cluster;

import dev.storyvox.ServerProcess;
import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A storyvox cluster on loopback for one test: free Hazelcast ports picked up front, a cluster name of its
 * own, and each node a JVM with its own temporary folder (java-llama.cpp extracts its native library to a
 * fixed name there). Closing it kills every node.
 */
final class Cluster implements AutoCloseable {

  static final Pattern GPU_STARTED = Pattern.compile("started \\(role gpu\\), serving no HTTP");
  /** A gpu node with whisper contexts and no LLM. */
  static final Map<String, String> WHISPER_ONLY = Map.of("STORYVOX_GPU_LLM_PER_DEVICE", "0");
  /** A gpu node with an LLM context and no whisper. */
  static final Map<String, String> LLM_ONLY = Map.of("STORYVOX_GPU_WHISPER_PER_DEVICE", "0");
  private static final long START_TIMEOUT_MS = 90_000;

  private final String name = "test-" + UUID.randomUUID();
  private final List<Integer> ports = new ArrayList<>();
  private final List<ServerProcess> nodes = new ArrayList<>();
  private final Map<String, String> settings;

  /** A cluster of up to {@code size} nodes; {@code settings} are STORYVOX_* variables given to every node. */
  Cluster(int size, Map<String, String> settings) {
    for (int i = 0; i < size; i++) {
      ports.add(freePort());
    }
    this.settings = settings;
  }

  /**
   * Settings for the engines on the small shared models, one context and one thread each. A node runs either whisper or
   * llama.cpp (see {@link #WHISPER_ONLY}, {@link #LLM_ONLY}): both in one launched JVM abort with
   * {@code std::bad_alloc} when llama.cpp loads after whisper.cpp.
   */
  static Map<String, String> smallModels() {
    Map<String, String> env = new HashMap<>();
    env.put("STORYVOX_STT_MODEL", TestData.model("tiny-random-whisper.bin").toString());
    env.put("STORYVOX_STT_THREADS", "1");
    env.put("STORYVOX_GPU_WHISPER_PER_DEVICE", "1");
    env.put("STORYVOX_LLM_MODEL", TestData.model("stories260Ktok512.gguf").toString());
    env.put("STORYVOX_LLM_THREADS", "1");
    env.put("STORYVOX_LLM_CONTEXT_SIZE", "8192");
    return env;
  }

  /**
   * Starts node {@code index} (its Hazelcast port is the index-th picked) with role {@code role} and
   * {@code extra} settings of its own.
   */
  ServerProcess start(int index, String role, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(settings);
    env.putAll(extra);
    env.put("STORYVOX_CLUSTER_NAME", name);
    env.put("STORYVOX_CLUSTER_HOST", "127.0.0.1");
    env.put("STORYVOX_CLUSTER_PORT", String.valueOf(ports.get(index)));
    env.put("STORYVOX_CLUSTER_MEMBERS",
        ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",", "[", "]")));
    env.put("STORYVOX_HTTP_PORT", "0");
    env.put("STORYVOX_HTTP_HOST", "127.0.0.1");
    env.put("STORYVOX_HTTP_INSTANCES", "1");
    env.put("STORYVOX_OUTPUTS_DIR", TestServer.tempDir("storyvox-cluster-out").toString());
    String tmp = "-Djava.io.tmpdir=" + TestServer.tempDir("storyvox-cluster-tmp");
    ServerProcess node = ServerProcess.start(List.of(tmp), env, "--cluster", "--role", role);
    nodes.add(node);
    return node;
  }

  /** Starts an api node and answers its HTTP port. */
  int startApi(int index) throws IOException, InterruptedException {
    return start(index, "api", Map.of()).awaitPort(START_TIMEOUT_MS);
  }

  /** Starts a gpu node with {@code extra} settings and waits until its engines are deployed. */
  ServerProcess startGpu(int index, Map<String, String> extra) throws IOException, InterruptedException {
    ServerProcess node = start(index, "gpu", extra);
    node.awaitLine(GPU_STARTED, START_TIMEOUT_MS);
    return node;
  }

  /** The {@code index}-th node started. */
  ServerProcess node(int index) {
    return nodes.get(index);
  }

  /** Kills every node and keeps what each printed in {@code target/cluster-logs/<cluster>-<i>.log}. */
  @Override
  public void close() throws InterruptedException {
    Path logs = Path.of("target", "cluster-logs");
    for (int i = 0; i < nodes.size(); i++) {
      nodes.get(i).close();
      try {
        Files.createDirectories(logs);
        Files.write(logs.resolve(name + "-" + i + ".log"), nodes.get(i).output());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

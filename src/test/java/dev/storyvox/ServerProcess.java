package dev.storyvox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storyvox server in its own JVM, launched like {@code bin/storyvox} does but from the test class path,
 * for tests of startup, exit codes, signals and restarts. Always {@link #close()} it.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("started \\(role [a-z-]+\\) on port (\\d+)");
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private volatile int port = -1;

  private ServerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "server-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code dev.storyvox.Main} with {@code env} added to this JVM's environment. */
  public static ServerProcess start(Map<String, String> env, String... args) throws IOException {
    return start(List.of(), env, args);
  }

  /**
   * Starts {@code dev.storyvox.Main} with extra JVM options (e.g. its own {@code -Djava.io.tmpdir}, so
   * parallel JVMs do not share the native libraries extracted there) and {@code env}.
   */
  public static ServerProcess start(List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    command.addAll(launcherOptions());
    command.addAll(jvmOptions);
    command.addAll(List.of(
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "dev.storyvox.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return new ServerProcess(builder.start());
  }

  /** Starts {@code jar} ({@code java -jar}, as {@code bin/storyvox} does) with extra JVM options and {@code env}. */
  public static ServerProcess startJar(Path jar, List<String> jvmOptions, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    command.addAll(launcherOptions());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return new ServerProcess(builder.start());
  }

  /** The JVM options {@code bin/storyvox} starts the server with ({@code conf/jvm.options}). */
  public static List<String> launcherOptions() throws IOException {
    Path file = Path.of("conf", "jvm.options");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  /** Waits until the server logs its port; answers it. */
  public int awaitPort(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (port < 0 && process.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    if (port < 0) {
      throw new IllegalStateException("server did not start: " + String.join("\n", lines));
    }
    return port;
  }

  /** Waits until a line matching {@code pattern} was printed (roles without HTTP); answers the line. */
  public String awaitLine(Pattern pattern, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      for (String line : lines) {
        if (pattern.matcher(line).find()) {
          return line;
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no line matching " + pattern + " in: " + String.join("\n", lines));
  }

  /** Lines printed so far that match {@code pattern}. */
  public long count(Pattern pattern) {
    return lines.stream().filter(line -> pattern.matcher(line).find()).count();
  }

  /** Waits for the exit code; -1 when still running after the timeout. */
  public int awaitExit(long timeoutMs) throws InterruptedException {
    return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Sends SIGTERM. */
  public void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Every line the server printed so far. */
  public List<String> output() {
    return List.copyOf(lines);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        Matcher m = PORT.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }
}

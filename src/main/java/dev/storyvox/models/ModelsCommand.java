package dev.storyvox.models;

import dev.storyvox.config.ConfigException;
import dev.storyvox.config.ConfigLoader;
import dev.storyvox.config.ConfigSources;
import dev.storyvox.config.ModelFileConfig;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code storyvox models list|pull [--profile small|standard|large] [--conf FILE]}: lists the manifest's files
 * and whether they are on disk, or fetches the missing ones in the foreground with a progress bar (one line
 * every few seconds when the output is not a terminal). Exit codes: 0 every file is in place, 1 a download
 * failed (the reason is printed), 2 a bad argument or configuration.
 */
public final class ModelsCommand {

  /** Usage of the subcommand. */
  public static final String USAGE = """
      usage: storyvox models list|pull [--profile small|standard|large] [--conf FILE]
        list          the model files of the profile (or models.files), their size, source and whether present
        pull          download the missing ones (resumes partial files; verifies sha256 where the manifest has one)
      exit codes: 0 all files in place, 1 a download failed, 2 bad arguments or configuration
      """;

  private static final long DAY_S = 86_400;

  private final PrintStream out;
  private final PrintStream err;

  private ModelsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the subcommand ({@code args} after {@code models}); answers the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new ModelsCommand(out, err).run(args);
  }

  private int run(String[] args) {
    String action = args.length > 0 ? args[0] : "";
    Path conf = null;
    String profile = null;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--profile") || arg.equals("--conf")) && i + 1 < args.length) {
        if (arg.equals("--profile")) {
          profile = args[++i];
        } else {
          conf = Path.of(args[++i]);
        }
      } else if (arg.startsWith("--profile=")) {
        profile = arg.substring(10);
      } else if (arg.startsWith("--conf=")) {
        conf = Path.of(arg.substring(7));
      } else {
        return usage("unknown argument " + arg);
      }
    }
    if (!action.equals("list") && !action.equals("pull")) {
      return usage(action.isEmpty() ? "models needs list or pull" : "unknown models command " + action);
    }
    Vertx vertx = Vertx.vertx();
    try {
      StoryvoxConfig config = load(vertx, conf, profile);
      return action.equals("list") ? list(config) : pull(vertx, config);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("storyvox: " + e.getMessage());
      return 2;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
          .join();
    }
  }

  private int usage(String problem) {
    err.println("storyvox: " + problem);
    err.print(USAGE);
    return 2;
  }

  private StoryvoxConfig load(Vertx vertx, Path conf, String profile) {
    JsonObject json = await(ConfigLoader.loadJson(vertx, ConfigSources.ofProcess(conf)));
    if (profile != null) {
      json.getJsonObject("models").put("profile", profile);
    }
    return StoryvoxConfig.from(json);
  }

  private int list(StoryvoxConfig config) {
    out.println("profile " + (config.models().files().isEmpty() ? config.models().profile() : "(models.files)")
        + ", source " + config.models().source());
    for (ModelFileConfig file : config.models().selected()) {
      Path path = Path.of(file.path());
      Path part = ModelFetchClient.partOf(path);
      String state = Files.isRegularFile(path) ? "present"
          : Files.isRegularFile(part) ? "partial (" + size(part) / 1_000_000 + " MB)" : "missing";
      out.printf("%-9s %-45s for %s%n  from %s%n  size %s, sha256 %s%n", state, file.path(), file.usedBy(),
          config.models().urlOf(file), file.bytes() == null ? "unknown" : ModelDownloads.mb(file.bytes()) + " MB",
          file.sha256() == null ? "not pinned (unverified)" : file.sha256());
    }
    return 0;
  }

  private int pull(Vertx vertx, StoryvoxConfig config) {
    List<ModelFileConfig> missing = await(ModelDownloads.missing(vertx, config.models()));
    if (missing.isEmpty()) {
      out.println("all " + config.models().selected().size() + " model files are in place");
      return 0;
    }
    ModelFetchClient client = new ModelFetchClient(vertx, config.models(), config.download(), config.retry().models());
    ProgressPrinter printer = new ProgressPrinter(out, System.console() != null);
    List<ModelFileConfig> failed = await(ModelDownloads.fetchAll(client, missing, printer::show)
        .eventually(client::close));
    if (failed.isEmpty()) {
      out.println("all " + config.models().selected().size() + " model files are in place");
      return 0;
    }
    err.println("storyvox: " + failed.size() + " model file(s) could not be downloaded; run the command again to "
        + "resume");
    return 1;
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(DAY_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.storyvox;

import java.nio.file.Path;

/**
 * The command line: {@code [--conf FILE] [--cluster] [--role all|api|gpu|runpod-worker]}. The {@code api}
 * and {@code gpu} roles exist only in a cluster; a RunPod worker never joins one.
 */
public record LaunchOptions(Path conf, boolean cluster, Role role, boolean help) {

  /** The usage text printed by {@code --help} and after a bad flag. */
  public static final String USAGE = """
      usage: storyvox [--conf FILE] [--cluster] [--role all|api|gpu|runpod-worker]
             storyvox models list|pull [--profile small|standard|large] [--conf FILE]
        --conf FILE   a YAML file laid over conf/config.yaml
        --cluster     join the clustered event bus (Hazelcast; settings under cluster.* in the config)
        --role ROLE   all (default) | api (HTTP and orchestration, needs --cluster)
                      | gpu (the engines, no HTTP, needs --cluster) | runpod-worker
      """;

  /** Parses arguments; throws {@link IllegalArgumentException} with a one-line reason. */
  public static LaunchOptions parse(String... args) {
    Path conf = null;
    boolean cluster = false;
    Role role = Role.ALL;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--conf" -> conf = Path.of(value(args, ++i, arg));
        case "--cluster" -> cluster = true;
        case "--role" -> role = Role.parse(value(args, ++i, arg));
        case "-h", "--help" -> help = true;
        default -> {
          if (arg.startsWith("--conf=")) {
            conf = Path.of(arg.substring(7));
          } else if (arg.startsWith("--role=")) {
            role = Role.parse(arg.substring(7));
          } else {
            throw new IllegalArgumentException("unknown argument " + arg);
          }
        }
      }
    }
    if ((role == Role.API || role == Role.GPU) && !cluster) {
      throw new IllegalArgumentException("--role " + role.wireName() + " needs --cluster");
    }
    if (role == Role.RUNPOD_WORKER && cluster) {
      throw new IllegalArgumentException("--role runpod-worker does not join a cluster; drop --cluster");
    }
    return new LaunchOptions(conf, cluster, role, help);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}

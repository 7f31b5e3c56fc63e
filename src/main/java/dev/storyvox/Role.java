package dev.storyvox;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a process runs: everything, the API side, the engines, or a RunPod serverless worker. */
public enum Role {
  ALL, API, GPU, RUNPOD_WORKER;

  /** The role named on the command line ({@code all|api|gpu|runpod-worker}). */
  public static Role parse(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("--role: expected one of "
        + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining("|")) + ", got " + name);
  }

  /** The command-line spelling. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

package dev.storyvox.jobs;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.config.OutputsConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;

/**
 * Answers the {@code storage} readiness of this node's outputs folder: READY while the file system holding it
 * has at least {@code outputs.minFreeBytes} usable, UNAVAILABLE (naming the folder and the free bytes) below
 * that, so a load balancer stops sending new work before writes start failing.
 */
public final class StorageVerticle extends VerticleBase {

  /** The capability name {@code /ready} reports. */
  public static final String CAPABILITY = "storage";

  private final OutputsConfig outputs;

  public StorageVerticle(OutputsConfig outputs) {
    this.outputs = outputs;
  }

  @Override
  public Future<?> start() {
    return vertx.fileSystem().mkdirs(outputs.dir())
        .compose(v -> vertx.eventBus().<ReadinessQuery>localConsumer(Addresses.READY + CAPABILITY, this::answer)
            .completion());
  }

  private void answer(Message<ReadinessQuery> message) {
    String dir = Path.of(outputs.dir()).toAbsolutePath().toString();
    vertx.fileSystem().fsProps(dir)
        .map(props -> props.usableSpace() >= outputs.minFreeBytes()
            ? Readiness.ready(dir + ": " + props.usableSpace() + " bytes free")
            : Readiness.unavailable("the outputs folder " + dir + " is nearly full: " + props.usableSpace()
                + " bytes free, below outputs.minFreeBytes (" + outputs.minFreeBytes() + ")"))
        .otherwise(e -> Readiness.unavailable("the outputs folder " + dir + " cannot be read: "
            + e.getClass().getSimpleName()))
        .onSuccess(message::reply);
  }
}

package dev.storyvox.engine;

import dev.storyvox.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.Shareable;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every {@link WorkPool} of one Vert.x instance, and the way to read all pools' {@link PoolStatus}.
 *
 * <p>In one process the registry is the answer: exact, complete and at once. In a cluster, pools live on
 * other nodes too, so {@link #statuses} publishes a {@link PoolQuery} on {@code Addresses.POOL_STATUS},
 * which every pool of every node (this one included) answers to a private reply address, and collects the
 * answers for {@value #CLUSTER_WINDOW_MS} ms: a node that does not answer in that time (gone, or too slow)
 * shows no pools, so its capability reads as its owner's own answer or as missing.
 */
public final class WorkPools implements Shareable {

  /** How long a clustered node collects the pools' answers. */
  public static final long CLUSTER_WINDOW_MS = 300;

  private static final String MAP = "storyvox.work-pools";
  private static final String KEY = "registry";
  private static final Comparator<PoolStatus> ORDER = Comparator.comparing(PoolStatus::kind)
      .thenComparing(PoolStatus::name);

  private final Set<WorkPool<?>> pools = ConcurrentHashMap.newKeySet();

  private WorkPools() {
  }

  /** The registry of {@code vertx}'s pools. */
  static WorkPools of(Vertx vertx) {
    return (WorkPools) vertx.sharedData().getLocalMap(MAP).computeIfAbsent(KEY, k -> new WorkPools());
  }

  void add(WorkPool<?> pool) {
    pools.add(pool);
  }

  void remove(WorkPool<?> pool) {
    pools.remove(pool);
  }

  /** The status of every pool of this Vert.x instance, by kind and name. */
  public static List<PoolStatus> local(Vertx vertx) {
    return of(vertx).pools.stream().map(WorkPool::status).sorted(ORDER).toList();
  }

  /** Every pool's status: this process's at once, or, clustered, those of all nodes that answer in time. */
  public static Future<List<PoolStatus>> statuses(Vertx vertx) {
    return vertx.isClustered() ? collect(vertx, CLUSTER_WINDOW_MS) : Future.succeededFuture(local(vertx));
  }

  /** Publishes a {@link PoolQuery} and gathers the answers that arrive within {@code windowMs}; never fails. */
  static Future<List<PoolStatus>> collect(Vertx vertx, long windowMs) {
    String replyTo = Addresses.POOL_STATUS + ".reply." + UUID.randomUUID();
    List<PoolStatus> answers = new CopyOnWriteArrayList<>();
    MessageConsumer<PoolStatus> consumer = vertx.eventBus().consumer(replyTo, m -> answers.add(m.body()));
    return consumer.completion()
        .compose(v -> {
          vertx.eventBus().publish(Addresses.POOL_STATUS, new PoolQuery(replyTo));
          return vertx.timer(windowMs);
        })
        .eventually(consumer::unregister)
        .map(v -> answers.stream().sorted(ORDER).toList())
        .otherwise(e -> List.copyOf(answers));
  }
}

package dev.storyvox;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.storyvox.bus.Addresses;
import dev.storyvox.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a clustered Vert.x on Hazelcast from {@link ClusterConfig}: {@code cluster.config} (heartbeats,
 * failure detection) with the name, the one bound address, the port and TCP-IP join to {@code cluster.members}
 * set over it; multicast and auto-detection are always off. Every node announces a member that left on its
 * own bus ({@link Addresses#CLUSTER_MEMBER_LEFT}, local only), so callers stop waiting on work it held.
 */
final class ClusterNode {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  private ClusterNode() {
  }

  /** Joins the cluster; the future fails when the Hazelcast file is missing or the member cannot start. */
  static Future<Vertx> join(VertxBuilder builder, VertxOptions options, ClusterConfig cluster) {
    Config hazelcast;
    try {
      hazelcast = hazelcastConfig(cluster);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    options.getEventBusOptions().setHost(cluster.host()).setPort(cluster.busPort());
    if (cluster.publicHost() != null) {
      options.getEventBusOptions().setClusterPublicHost(cluster.publicHost());
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
    return builder.with(options).withClusterManager(manager).buildClustered()
        .onSuccess(vertx -> watchMembers(vertx, manager, cluster));
  }

  /** The Hazelcast configuration: {@code cluster.config} with this node's network settings over it. */
  static Config hazelcastConfig(ClusterConfig cluster) {
    Config config;
    try {
      config = new FileSystemXmlConfig(Path.of(cluster.config()).toFile());
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cluster.config " + cluster.config() + " not found", e);
    }
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false);
    if (cluster.publicHost() != null) {
      network.setPublicAddress(cluster.publicHost() + ":" + cluster.port());
    }
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }

  private static void watchMembers(Vertx vertx, HazelcastClusterManager manager, ClusterConfig cluster) {
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("cluster member joined: {}", event.getMember().getAddress());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        LOG.warn("cluster member left: {}; requests it was serving are handed to another node",
            event.getMember().getAddress());
        vertx.eventBus().publish(Addresses.CLUSTER_MEMBER_LEFT, event.getMember().getUuid().toString(), local);
      }
    });
    LOG.info("joined cluster {} as {}:{} (node {}), {} member(s) now", cluster.name(), cluster.host(),
        cluster.port(), manager.getNodeId(), manager.getHazelcastInstance().getCluster().getMembers().size());
  }
}

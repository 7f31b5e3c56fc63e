package dev.storyvox.config;

import java.util.List;

/**
 * The clustered event bus ({@code --cluster}): Hazelcast membership on {@code host:port}, joining only the
 * listed {@code members} over TCP (no multicast, no discovery), and the event bus's own TCP endpoint.
 *
 * @param name       cluster name; nodes with another name never join
 * @param host       address Hazelcast and the event bus bind and advertise (one interface, never all)
 * @param port       Hazelcast member port
 * @param publicHost address other nodes reach this one at when it differs from {@code host} (NAT), or null
 * @param members    {@code host:port} of the members to join (this node may be among them)
 * @param busPort    event bus TCP port; 0 picks a free one
 * @param config     Hazelcast XML laid under these settings (heartbeats, failure detection)
 */
public record ClusterConfig(String name, String host, int port, String publicHost, List<String> members,
                            int busPort, String config) {
  public ClusterConfig {
    Check.notBlank("cluster.name", name);
    Check.notBlank("cluster.host", host);
    Check.range("cluster.port", port, 1, 65535);
    publicHost = Check.blankToNull(publicHost);
    members = members == null ? List.of() : List.copyOf(members);
    for (String member : members) {
      if (!member.matches("[^\\s:]+:\\d{1,5}")) {
        throw new IllegalArgumentException("cluster.members: expected host:port entries, got " + member);
      }
    }
    Check.range("cluster.busPort", busPort, 0, 65535);
    Check.notBlank("cluster.config", config);
  }
}

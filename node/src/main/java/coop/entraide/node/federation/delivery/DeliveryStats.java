package coop.entraide.node.federation.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Counts of delivery jobs per server, for the admin interface and metrics. */
public record DeliveryStats(List<HostStats> hosts) {

    /**
     * @param pending   waiting for their first attempt
     * @param retrying  failed at least once, still to be retried
     * @param failed    given up
     * @param delivered delivered and not yet purged
     */
    public record HostStats(String host, long pending, long retrying, long failed, long delivered, Optional<Instant> unavailableSince) {
    }

    public DeliveryStats {
        hosts = List.copyOf(hosts);
    }

    public long pending() {
        return hosts.stream().mapToLong(HostStats::pending).sum();
    }

    public long retrying() {
        return hosts.stream().mapToLong(HostStats::retrying).sum();
    }

    public long failed() {
        return hosts.stream().mapToLong(HostStats::failed).sum();
    }

    public long delivered() {
        return hosts.stream().mapToLong(HostStats::delivered).sum();
    }

    public Optional<HostStats> host(String host) {
        return hosts.stream().filter(h -> h.host().equals(host)).findFirst();
    }
}

package org.relais.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.pdu.SubmitSm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway killed with SIGKILL in the middle of 50,000 messages sent through the API, then
 * started again on the same store: every message that got a 202 reaches the SMSC at least once;
 * those sent twice are counted and are no more than could have been between the store and the
 * SMSC at the kill.
 */
@Timeout(600)
class CrashRecoveryTest {

  private static final int MESSAGES = 50_000;
  private static final int CONCURRENCY = 32;
  private static final int KILL_AFTER = 20_000;
  private static final int MAX_IN_FLIGHT = 1000;
  private static final int BATCH = 512;

  @TempDir
  Path dir;

  @Test
  void shouldSendEveryAcceptedMessageAtLeastOnceAfterAKillDuringFiftyThousand() throws Exception {
    try (Peers peers = Peers.start()) {
      Map<String, String> env = peers.env(Map.of("RELAIS_SMPP_TPS", "100000", "RELAIS_SMPP_WINDOW", "50",
          "RELAIS_SMPP_MAX_IN_FLIGHT", String.valueOf(MAX_IN_FLIGHT), "RELAIS_STORE_BATCH_SIZE", String.valueOf(BATCH)));
      ChildGateway first = ChildGateway.start(dir, env);
      peers.smsc.awaitBound(30_000);
      ApiLoadDriver load = new ApiLoadDriver(first.httpPort(), MESSAGES, CONCURRENCY);
      long started = System.nanoTime();
      load.start();
      load.awaitAccepted(KILL_AFTER);

      load.pause();
      first.kill();
      int acceptedAtKill = load.accepted().size();
      int submittedAtKill = peers.smsc.submits().size();
      try (ChildGateway second = first.restart()) {
        peers.smsc.awaitBound(30_000);
        load.resume(second.httpPort());
        load.awaitDone(Duration.ofMinutes(5));
        Map<Integer, String> accepted = load.accepted();
        awaitAllSubmitted(peers, accepted.keySet(), Duration.ofMinutes(4));
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<Integer, Integer> submits = countByNumber(peers.smsc.submits());
        long duplicates = submits.values().stream().filter(c -> c > 1).count();
        long extraSubmits = submits.values().stream().mapToLong(c -> c - 1).sum();
        assertThat(accepted.keySet()).allSatisfy(n -> assertThat(submits).containsKey(n));
        assertThat(extraSubmits).as("sent twice: at most what was between the store and the SMSC at the kill")
            .isLessThanOrEqualTo(MAX_IN_FLIGHT + BATCH);

        Map<String, String> states = StoreFile.pairs(dir.resolve("relais.db"), "SELECT id, state FROM messages");
        Map<String, Long> byState = accepted.values().stream()
            .collect(Collectors.groupingBy(id -> String.valueOf(states.get(id)), Collectors.counting()));
        assertThat(byState).as("every accepted message is in the store, submitted").containsOnlyKeys("submitted");

        Figures.record("CrashRecoveryTest.api", ("%d messages posted (%d at a time); SIGKILL after %d accepted"
            + " (%d submits seen by the SMSC); %d accepted (202), %d not (request cut by the kill: %s);"
            + " after restart every accepted message reached the SMSC; %d messages sent twice (%d extra submits,"
            + " bound %d); %d submits in all; %.1f s").formatted(MESSAGES, CONCURRENCY, acceptedAtKill,
            submittedAtKill, accepted.size(), load.notAccepted().size(),
            summary(load.notAccepted()), duplicates, extraSubmits, MAX_IN_FLIGHT + BATCH,
            peers.smsc.submits().size(), seconds));
      }
    }
  }

  private static void awaitAllSubmitted(Peers peers, Set<Integer> accepted, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<Integer, Integer> seen = countByNumber(peers.smsc.submits());
      long missing = accepted.stream().filter(n -> !seen.containsKey(n)).count();
      if (missing == 0) {
        return;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(missing + " accepted messages never reached the SMSC: lost");
      }
      Thread.sleep(250);
    }
  }

  static Map<Integer, Integer> countByNumber(List<SubmitSm> submits) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (SubmitSm s : submits) {
      counts.merge(ApiLoadDriver.number(s.getDestAddress().getAddress()), 1, Integer::sum);
    }
    return counts;
  }

  static String summary(Map<Integer, String> reasons) {
    return reasons.values().stream().collect(Collectors.groupingBy(r -> r, Collectors.counting())).toString();
  }
}

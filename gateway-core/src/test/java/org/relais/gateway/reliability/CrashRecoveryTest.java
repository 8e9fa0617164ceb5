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
  private static final int TEXTS = 5_000;
  private static final int TEXTS_BEFORE_KILL = 2_000;

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

  @Test
  void shouldKeepEveryAcknowledgedTextAndHandItToTheCoreAfterAKillDuringABurst() throws Exception {
    try (Peers peers = Peers.start()) {
      Map<String, String> env = peers.env(Map.of("RELAIS_SMPP_TPS", "100000", "RELAIS_SMPP_WINDOW", "50"));
      ChildGateway first = ChildGateway.start(dir, env);
      peers.smsc.awaitBound(30_000);
      MoBurstDriver burst = new MoBurstDriver(peers.smsc, CONCURRENCY);
      List<Integer> all = java.util.stream.IntStream.range(0, TEXTS).boxed().toList();
      long started = System.nanoTime();
      Thread sender = Thread.ofPlatform().name("mo-burst").start(() -> {
        try {
          burst.deliver(all);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      while (burst.acknowledgedCount() < TEXTS_BEFORE_KILL) {
        Thread.sleep(10);
      }
      burst.pause();
      first.kill();
      int acknowledgedAtKill = burst.acknowledgedCount();
      try (ChildGateway second = first.restart()) {
        peers.smsc.awaitBound(30_000);
        burst.resume();
        sender.join(Duration.ofMinutes(3));
        Map<Integer, String> cutByTheKill = burst.refused();
        int rounds = 1;
        while (burst.acknowledgedCount() < TEXTS && rounds < 10) {
          rounds++;
          burst.deliver(all.stream().filter(n -> !burst.isAcknowledged(n)).toList());
        }
        assertThat(burst.acknowledgedCount()).as("the SMSC got every text acknowledged in the end").isEqualTo(TEXTS);

        Path db = dir.resolve("relais.db");
        long stored = StoreFile.count(db, "SELECT COUNT(*) FROM inbound");
        long distinct = StoreFile.count(db, "SELECT COUNT(DISTINCT body) FROM inbound");
        assertThat(distinct).as("every acknowledged text is in the store").isEqualTo(TEXTS);
        assertThat(stored).as("a text delivered again after the kill is stored once").isEqualTo(TEXTS);

        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (peers.core.received().size() < TEXTS && System.nanoTime() < end) {
          Thread.sleep(250);
        }
        Map<Integer, Long> atCore = peers.core.received().stream()
            .map(c -> lot(c.getString("description")))
            .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        if (atCore.size() < TEXTS) {
          throw new AssertionError((TEXTS - atCore.size()) + " texts never reached the core; store: inbound by state "
              + StoreFile.pairs(db, "SELECT state, COUNT(*) FROM inbound GROUP BY 1")
              + ", cases by hand-off " + StoreFile.pairs(db, "SELECT handoff_state, COUNT(*) FROM cases GROUP BY 1")
              + ", outbox " + StoreFile.count(db, "SELECT COUNT(*) FROM outbox"));
        }
        assertThat(atCore.values()).allMatch(c -> c == 1);
        double seconds = (System.nanoTime() - started) / 1e9;

        Figures.record("CrashRecoveryTest.mo", ("%d texts delivered by the SMSC (%d at a time); SIGKILL after %d"
            + " acknowledged; %d left unanswered or refused by the kill (%s), delivered again by the SMSC in %d"
            + " rounds; %d rows in the store, one per text; %d cases at the core, each once; %d POSTs to the core"
            + " (%d repeats answered as already known); %.1f s").formatted(TEXTS, CONCURRENCY, acknowledgedAtKill,
            cutByTheKill.size(), summary(cutByTheKill), rounds, stored, atCore.size(), peers.core.posts(),
            peers.core.posts() - atCore.size(), seconds));
      }
    }
  }

  private static int lot(String description) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("lot (\\d+)").matcher(description);
    if (!m.find()) {
      throw new AssertionError("a case the test did not send: " + description);
    }
    return Integer.parseInt(m.group(1));
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

package org.relais.gateway.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.store.Store;
import org.relais.sms.simulator.SmscSimulator;

/**
 * {@code relais bench sms [N]}: N messages through the whole path (HTTP API, store, bind window,
 * resp stored, receipt matched) against the local SMSC simulator, and the same N through a bare
 * jSMPP client with the same window and no store, the ceiling. Both warm up first, then the two
 * measures run back to back, so that the machine's speed, which drifts on a shared host, is much
 * the same for both. With {@code --rounds R} the N go in R rounds, the two taking turns (bare,
 * full, full, bare, bare, full...), each round's ratio printed.
 */
public final class SmsBench {

  private static final String TOKEN = "bench-sender-token";

  private SmsBench() {}

  /** Runs the benchmark with the command line's arguments; returns the exit code. */
  public static int run(List<String> args) throws Exception {
    List<String> rest = new ArrayList<>(args);
    int window = BenchOptions.intOption(rest, "--window", 200);
    // One request outstanding per connection, as a pool of HTTP/1.1 clients sends them: Vert.x
    // handles a connection's pipelined requests one after the other, so fewer connections with
    // deeper pipelines measure the commit's latency more than the gateway's capacity.
    int connections = BenchOptions.intOption(rest, "--connections", 256);
    int concurrency = BenchOptions.intOption(rest, "--concurrency", 256);
    String synchronous = BenchOptions.textOption(rest, "--synchronous", "full");
    // The gateway's network.transport (and so the API load's): auto, io_uring or nio.
    String transport = BenchOptions.textOption(rest, "--transport", "auto");
    boolean fullOnly = rest.remove("--full-path-only");
    // C2 goes on compiling for about a minute at this load, on one of the two cores (a fifth of
    // the CPU still at 60,000 messages): the warm-up lasts that long, so that the measure is of a
    // gateway past its start.
    int warmup = BenchOptions.intOption(rest, "--warmup", 150_000);
    // One round by default: the N messages in one go, as the targets name them; each round
    // more adds a ramp and a drain to both sides' measures.
    int rounds = BenchOptions.intOption(rest, "--rounds", 1);
    int n = rest.isEmpty() ? 100_000 : Integer.parseInt(rest.getFirst());
    if (n < 1 || warmup < 0) {
      throw new IllegalArgumentException("N must be 1 or more and --warmup 0 or more: " + n + ", " + warmup);
    }
    if (rounds < 1 || rounds > n) {
      throw new IllegalArgumentException("--rounds must be between 1 and N (" + n + "): " + rounds);
    }
    PrintStream out = System.out;
    out.printf("relais bench sms: %,d messages%s (after %,d to warm up), window %d, %d HTTP/1.1 connections,"
        + " %d requests outstanding, store synchronous=%s%n", n, rounds > 1 ? " in " + rounds + " rounds" : "", warmup,
        window, connections, concurrency, synchronous);
    out.println(BenchOptions.machine());
    BenchMessages mix = new BenchMessages();
    List<String> texts = new ArrayList<>(warmup + n);
    List<String> destinations = new ArrayList<>(warmup + n);
    for (int i = 0; i < warmup + n; i++) {
      texts.add(mix.text(i));
      destinations.add(BenchMessages.destination(i));
    }

    List<BareClient.Result> ceiling = new ArrayList<>();
    List<FullRound> full = new ArrayList<>();
    try (SmscSimulator bareSmsc = fullOnly ? null : new SmscSimulator(0, Duration.ZERO, false).start();
        FullPath path = FullPath.start(window, connections, concurrency, synchronous, transport)) {
      out.println("network transport (the gateway's and the API load's): " + path.network());
      // Everything the measures send is encoded now, before the warm-ups and their collection:
      // built during a measure, it would be promoted by the collector during that measure.
      List<BareClient.Messages> bareRounds = new ArrayList<>();
      List<ApiLoad.Requests> fullRounds = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        int from = warmup + (int) ((long) n * r / rounds);
        int to = warmup + (int) ((long) n * (r + 1) / rounds);
        if (!fullOnly) {
          bareRounds.add(BareClient.prepare(texts.subList(from, to), destinations.subList(from, to)));
        }
        fullRounds.add(path.prepare(texts.subList(from, to), destinations.subList(from, to)));
      }
      long warmupAccepted = 0;
      if (warmup > 0) {
        if (!fullOnly) {
          BareClient.run(bareSmsc.port(), window, BareClient.prepare(texts.subList(0, warmup),
              destinations.subList(0, warmup)));
        }
        warmupAccepted = path.send(path.prepare(texts.subList(0, warmup), destinations.subList(0, warmup))).accepted();
      }
      for (int r = 0; r < rounds; r++) {
        // The bare client first in every other round: a drift over the run counts against both.
        boolean bareFirst = r % 2 == 0;
        if (!fullOnly && bareFirst) {
          ceiling.add(bare(bareSmsc, window, bareRounds.get(r)));
        }
        System.gc();
        full.add(path.round(fullRounds.get(r)));
        if (!fullOnly && !bareFirst) {
          ceiling.add(bare(bareSmsc, window, bareRounds.get(r)));
        }
        if (rounds > 1) {
          printRound(out, r, fullRounds.get(r).encoded().size(), full.getLast(), fullOnly ? null : ceiling.getLast());
        }
      }
      long delivered = path.delivered() - warmupAccepted;
      return report(out, n, full, ceiling, path.health(), delivered) ? 0 : 1;
    }
  }

  /** One measure of the bare client, after a full collection. */
  private static BareClient.Result bare(SmscSimulator smsc, int window, BareClient.Messages messages)
      throws Exception {
    System.gc();
    return BareClient.run(smsc.port(), window, messages);
  }

  /** One round of the full path: its load, when it was all submitted and all delivered (from the load's start). */
  private record FullRound(ApiLoad.Result load, long submittedNanos, long deliveredNanos, long waitedReceipts,
      long earlyReceipts, long fromQueue, Map<String, Long> cpu) {}

  private static void printRound(PrintStream out, int r, int messages, FullRound full, BareClient.Result bare) {
    out.printf("round %d: %,d messages, full path %.0f/s with receipts (%.0f/s submitted)", r + 1, messages,
        messages / seconds(full.deliveredNanos), messages / seconds(full.submittedNanos));
    if (bare != null) {
      out.printf(", bare client %.0f/s (%.0f/s): %.0f%% of the ceiling (%.0f%% submitted)",
          messages / seconds(bare.receiptsNanos()), messages / seconds(bare.submittedNanos()),
          100.0 * bare.receiptsNanos() / full.deliveredNanos, 100.0 * bare.submittedNanos() / full.submittedNanos);
    }
    out.println();
  }

  /** Prints the figures of all the rounds; true when every message was accepted and delivered. */
  private static boolean report(PrintStream out, int n, List<FullRound> full, List<BareClient.Result> ceiling,
      Store.StoreHealth health, long delivered) {
    long parts = full.stream().mapToLong(f -> f.load.parts()).sum();
    long submitted = full.stream().mapToLong(FullRound::submittedNanos).sum();
    long receipted = full.stream().mapToLong(FullRound::deliveredNanos).sum();
    int refused = full.stream().mapToInt(f -> f.load.refused()).sum();
    Histogram latency = new Histogram(60_000_000L, 3);
    full.forEach(f -> latency.add(f.load.latencyMicros()));
    out.printf("%nmix: %.2f parts per message (%,d submit_sm and as many receipts)%n", parts / (double) n, parts);
    out.printf("%-44s %12s %16s%n", "", "submitted", "with receipts");
    out.printf("%-44s %10.0f/s %14.0f/s%n", "full path (API, store, window, receipts)", n / seconds(submitted),
        n / seconds(receipted));
    if (!ceiling.isEmpty()) {
      long bareSubmitted = ceiling.stream().mapToLong(BareClient.Result::submittedNanos).sum();
      long bareReceipted = ceiling.stream().mapToLong(BareClient.Result::receiptsNanos).sum();
      out.printf("%-44s %10.0f/s %14.0f/s%n", "bare jSMPP client, same window, no store", n / seconds(bareSubmitted),
          n / seconds(bareReceipted));
      out.printf("%-44s %11.0f%% %15.0f%%%n", "full path / ceiling", 100.0 * bareSubmitted / submitted,
          100.0 * bareReceipted / receipted);
      if (full.size() > 1) {
        List<Double> bySubmit = new ArrayList<>();
        List<Double> byReceipt = new ArrayList<>();
        for (int r = 0; r < full.size(); r++) {
          bySubmit.add(100.0 * ceiling.get(r).submittedNanos() / full.get(r).submittedNanos);
          byReceipt.add(100.0 * ceiling.get(r).receiptsNanos() / full.get(r).deliveredNanos);
        }
        out.printf("%-44s %11.0f%% %15.0f%%%n", "full path / ceiling, median of the rounds", median(bySubmit),
            median(byReceipt));
      }
    }
    out.printf("API accept latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d accepted, all answered at %.0f/s, %d"
        + " refused)%n",
        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
        latency.getMaxValue() / 1000.0, n - refused, n / seconds(full.stream().mapToLong(f -> f.load.acceptedNanos())
        .sum()), refused);
    out.printf("store: %,d commits for %,d writes (%.0f writes per commit), %,d syncs of the WAL%n", health.commits(),
        health.writes(), health.writes() / (double) Math.max(1, health.commits()), health.syncs());
    long waited = full.stream().mapToLong(FullRound::waitedReceipts).sum();
    long early = full.stream().mapToLong(FullRound::earlyReceipts).sum();
    out.printf("receipts before their submit result was stored: %,d of %,d (%,d waited for it in memory, %,d kept"
        + " in the store)%n", waited + early, parts, waited, early);
    out.printf("read back from the store's queue (a backlog): %,d of %,d messages%n",
        full.stream().mapToLong(FullRound::fromQueue).sum(), n);
    out.printf("accounted for: %,d of %,d messages delivered%n", delivered, n);
    printCpu(out, "full path", sum(full.stream().map(FullRound::cpu).toList()), n);
    if (!ceiling.isEmpty()) {
      printCpu(out, "bare client", sum(ceiling.stream().map(BareClient.Result::cpu).toList()), n);
    }
    return delivered == n && refused == 0;
  }

  /**
   * CPU per message over the measure, the whole process first (with its part in the kernel, where
   * known), then its threads by role.
   */
  private static void printCpu(PrintStream out, String what, Map<String, Long> cpu, int n) {
    long process = cpu.get(CpuUse.PROCESS);
    Long kernel = cpu.get(CpuUse.KERNEL);
    out.printf("CPU per message, %s: %.0f µs%s%n", what, process / 1000.0 / n, kernel == null ? ""
        : " (in the kernel: %.0f µs, %.0f %%)".formatted(kernel / 1000.0 / n, 100.0 * kernel / Math.max(1, process)));
    cpu.forEach((group, nanos) -> {
      if (!group.equals(CpuUse.PROCESS) && !group.equals(CpuUse.KERNEL)) {
        out.printf("  %-52s %6.1f µs%n", group, nanos / 1000.0 / n);
      }
    });
  }

  private static Map<String, Long> sum(List<Map<String, Long>> rounds) {
    Map<String, Long> total = new LinkedHashMap<>();
    rounds.forEach(round -> round.forEach((group, nanos) -> total.merge(group, nanos, Long::sum)));
    return total;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  /** The gateway of the full path, bound to its simulator, and the API load that drives it. */
  private static final class FullPath implements AutoCloseable {
    private final BenchGateway bench;
    private final ApiLoad load;
    private final int concurrency;
    private final Metrics.Counter outcomes;
    private final Metrics.Counter receipts;
    private final Metrics.Counter fromQueue;
    /** Messages sent so far (warm-up included), and their parts. */
    private long messages;
    private long parts;

    private FullPath(BenchGateway bench, ApiLoad load, int concurrency) {
      this.bench = bench;
      this.load = load;
      this.concurrency = concurrency;
      Metrics metrics = bench.gateway().services().metrics();
      this.outcomes = metrics.counter("relais_sms_submit_outcomes_total", "", "outcome");
      this.receipts = metrics.counter("relais_sms_receipts_total", "", "match");
      this.fromQueue = metrics.counter("relais_sms_read_from_queue_total", "");
    }

    /** The transport of the gateway's sockets and the load's (network.transport). */
    String network() {
      return bench.gateway().transport().name();
    }

    static FullPath start(int window, int connections, int concurrency, String synchronous, String transport)
        throws Exception {
      Map<String, String> settings = Map.of("RELAIS_STORE_SYNCHRONOUS", synchronous, "RELAIS_SMPP_WINDOW",
          String.valueOf(window), "RELAIS_SMPP_TPS", "100000", "RELAIS_API_TOKENS", TOKEN + ":sender",
          "RELAIS_API_RATE_PER_SECOND", "0", "RELAIS_NETWORK_TRANSPORT", transport);
      BenchGateway bench = BenchGateway.start(settings);
      try {
        return new FullPath(bench, new ApiLoad(bench.gateway().httpPort(), TOKEN, connections,
            bench.gateway().transport()), concurrency);
      } catch (RuntimeException e) {
        bench.close();
        throw e;
      }
    }

    ApiLoad.Requests prepare(List<String> texts, List<String> destinations) {
      return load.prepare(texts, destinations);
    }

    /** Sends one round and waits until each of its messages is delivered. */
    FullRound round(ApiLoad.Requests requests) throws Exception {
      long earlyBefore = receipts.get("early");
      long waitedBefore = receipts.get("waited");
      long fromQueueBefore = fromQueue.get();
      CpuUse cpu = CpuUse.start(CpuUse.gateway(Set.of(load.threadId())));
      Thread progress = Thread.ofVirtual().start(this::progress);
      try {
        Sent sent = send(requests);
        return new FullRound(sent.load, sent.submitted - sent.load.startedAt(), sent.delivered - sent.load.startedAt(),
            receipts.get("waited") - waitedBefore, receipts.get("early") - earlyBefore, fromQueue.get() - fromQueueBefore,
            cpu.since());
      } finally {
        progress.interrupt();
      }
    }

    /**
     * When a send's accepted messages had all their submit_sm_resp and were all delivered ({@link
     * System#nanoTime()}).
     */
    private record Sent(ApiLoad.Result load, long submitted, long delivered) {
      long accepted() {
        return load.latencyMicros().getTotalCount() - load.refused();
      }
    }

    /** Sends {@code requests} and waits until each message accepted is submitted, then delivered. */
    Sent send(ApiLoad.Requests requests) throws Exception {
      ApiLoad.Result result = load.send(requests, concurrency);
      messages += requests.encoded().size() - result.refused();
      parts += result.parts();
      await("submitted", () -> outcomes.get("submitted"), messages, 2);
      long submitted = System.nanoTime();
      // Matched at once, or waiting for their submit result in memory or in the store.
      await("with their receipt taken", () -> receipts.get("matched") + receipts.get("waited")
          + receipts.get("early"), parts, 2);
      await("delivered", this::delivered, messages, 20);
      return new Sent(result, submitted, System.nanoTime());
    }

    /** Polls {@code count} every {@code pollMillis} until it reaches {@code target}; at most 10 minutes. */
    private static void await(String what, Count count, long target, long pollMillis) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (count.get() < target) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not every message was " + what + " within 10 minutes: " + count.get()
              + " of " + target);
        }
        Thread.sleep(pollMillis);
      }
    }

    /** A count read while waiting. */
    @FunctionalInterface
    private interface Count {
      long get() throws Exception;
    }

    Store.StoreHealth health() {
      return bench.gateway().services().store().health();
    }

    /** Every two seconds of a round, what is queued and in flight. */
    private void progress() {
      long start = System.nanoTime();
      var services = bench.gateway().services();
      try {
        while (true) {
          Thread.sleep(2000);
          var b = services.connector().status().getFirst();
          System.out.printf("  t=%ds in_flight=%d bind_queue=%d window=%d parked=%d submitted=%d commits=%d writes=%d%n",
              (System.nanoTime() - start) / 1_000_000_000L, services.sms().inFlight(), b.queued(), b.windowInUse(),
              services.connector().parked(), outcomes.get("submitted"), services.store().health().commits(),
              services.store().health().writes());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Messages delivered, by the store (read on a connection of its own). */
    long delivered() throws Exception {
      return bench.number("SELECT COUNT(*) FROM messages WHERE state = 'delivered'");
    }

    @Override
    public void close() throws Exception {
      try {
        load.close();
      } finally {
        bench.close();
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}

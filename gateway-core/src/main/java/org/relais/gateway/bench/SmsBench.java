package org.relais.gateway.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.Gateway;
import org.relais.gateway.metrics.Metrics;
import org.relais.sms.simulator.SmscSimulator;

/**
 * {@code relais bench sms [N]}: N messages through the whole path (HTTP API, store, bind window,
 * resp stored, receipt matched) against the local SMSC simulator, then the same N through a bare
 * jSMPP client with the same window and no store, the ceiling. Both run a warm-up first.
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
    boolean fullOnly = rest.remove("--full-path-only");
    // C2 goes on compiling for about a minute at this load, on one of the two cores (a fifth of
    // the CPU still at 60,000 messages): the warm-up lasts that long, so that the measure is of a
    // gateway past its start.
    int warmup = BenchOptions.intOption(rest, "--warmup", 150_000);
    int n = rest.isEmpty() ? 100_000 : Integer.parseInt(rest.getFirst());
    PrintStream out = System.out;
    out.printf("relais bench sms: %,d messages (after %,d to warm up), window %d, %d HTTP/1.1 connections,"
        + " %d requests outstanding, store synchronous=%s%n", n, warmup, window, connections, concurrency, synchronous);
    out.println(BenchOptions.machine());
    BenchMessages mix = new BenchMessages();
    List<String> texts = new ArrayList<>(warmup + n);
    List<String> destinations = new ArrayList<>(warmup + n);
    for (int i = 0; i < warmup + n; i++) {
      texts.add(mix.text(i));
      destinations.add(BenchMessages.destination(i));
    }

    BareClient.Result ceiling = new BareClient.Result(1, 1, 0, Map.of());
    if (!fullOnly) {
      try (SmscSimulator smsc = new SmscSimulator(0, Duration.ZERO, false).start()) {
        BareClient.run(smsc.port(), window, texts.subList(0, warmup), destinations.subList(0, warmup));
        System.gc();
        ceiling = BareClient.run(smsc.port(), window, texts.subList(warmup, warmup + n),
            destinations.subList(warmup, warmup + n));
      }
    }
    FullPath full = fullPath(n, warmup, window, connections, concurrency, synchronous, texts, destinations);

    long parts = full.load.parts();
    out.printf("%nmix: %.2f parts per message (%,d submit_sm and as many receipts)%n", parts / (double) n, parts);
    out.printf("%-44s %12s %16s%n", "", "submitted", "with receipts");
    out.printf("%-44s %10.0f/s %14.0f/s%n", "full path (API, store, window, receipts)",
        n / seconds(full.submittedNanos), n / seconds(full.deliveredNanos));
    if (!fullOnly) {
      out.printf("%-44s %10.0f/s %14.0f/s%n", "bare jSMPP client, same window, no store",
          n / seconds(ceiling.submittedNanos()), n / seconds(ceiling.receiptsNanos()));
      out.printf("%-44s %11.0f%% %15.0f%%%n", "full path / ceiling",
          100 * seconds(ceiling.submittedNanos()) / seconds(full.submittedNanos),
          100 * seconds(ceiling.receiptsNanos()) / seconds(full.deliveredNanos));
    }
    out.printf("API accept latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d accepted at %.0f/s, %d refused)%n",
        full.load.latencyMicros().getValueAtPercentile(50) / 1000.0,
        full.load.latencyMicros().getValueAtPercentile(99) / 1000.0,
        full.load.latencyMicros().getMaxValue() / 1000.0, n, n / seconds(full.load.acceptedNanos()), full.load.refused());
    out.printf("store: %,d commits for %,d writes (%.0f writes per commit), %,d syncs of the WAL%n", full.commits,
        full.writes, full.writes / (double) Math.max(1, full.commits), full.syncs);
    out.printf("receipts before their submit result was stored: %,d of %,d (%,d waited for it in memory, %,d kept"
        + " in the store)%n", full.waitedReceipts + full.earlyReceipts, parts, full.waitedReceipts, full.earlyReceipts);
    out.printf("read back from the store's queue (a backlog): %,d of %,d messages%n", full.fromQueue, n);
    out.printf("accounted for: %,d of %,d messages delivered%n", full.delivered, n);
    printCpu(out, "full path", full.cpu, n);
    if (!fullOnly) {
      printCpu(out, "bare client", ceiling.cpu(), n);
    }
    return full.delivered == n && full.load.refused() == 0 ? 0 : 1;
  }

  /** What the full path did. */
  private record FullPath(ApiLoad.Result load, long submittedNanos, long deliveredNanos, long delivered, long commits,
      long writes, long syncs, long waitedReceipts, long earlyReceipts, long fromQueue, Map<String, Long> cpu) {}

  /** CPU per message over the measure, the whole process first, then its threads by role. */
  private static void printCpu(PrintStream out, String what, Map<String, Long> cpu, int n) {
    out.printf("CPU per message, %s: %.0f µs%n", what, cpu.get(CpuUse.PROCESS) / 1000.0 / n);
    cpu.forEach((group, nanos) -> {
      if (!group.equals(CpuUse.PROCESS)) {
        out.printf("  %-52s %6.1f µs%n", group, nanos / 1000.0 / n);
      }
    });
  }

  private static FullPath fullPath(int n, int warmup, int window, int connections, int concurrency, String synchronous,
      List<String> texts, List<String> destinations) throws Exception {
    Map<String, String> settings = Map.of("RELAIS_STORE_SYNCHRONOUS", synchronous, "RELAIS_SMPP_WINDOW",
        String.valueOf(window), "RELAIS_SMPP_TPS", "100000", "RELAIS_API_TOKENS", TOKEN + ":sender",
        "RELAIS_API_RATE_PER_SECOND", "0");
    try (BenchGateway bench = BenchGateway.start(settings)) {
      Gateway gateway = bench.gateway();
      ApiLoad load = new ApiLoad(gateway.httpPort(), TOKEN, connections);
      try {
        Metrics metrics = gateway.services().metrics();
        Metrics.Counter outcomes = metrics.counter("relais_sms_submit_outcomes_total", "", "outcome");
        Metrics.Counter receipts = metrics.counter("relais_sms_receipts_total", "", "match");
        Metrics.Counter fromQueue = metrics.counter("relais_sms_read_from_queue_total", "");
        ApiLoad.Requests warmupRequests = load.prepare(texts.subList(0, warmup), destinations.subList(0, warmup));
        ApiLoad.Requests requests = load.prepare(texts.subList(warmup, warmup + n),
            destinations.subList(warmup, warmup + n));
        long warmupParts = load.send(warmupRequests, concurrency).parts();
        awaitReceipts(receipts, warmupParts);
        awaitDelivered(bench, warmup);
        // A full collection between warm-up and measure (as JMH's -gc true).
        System.gc();
        CpuUse cpu = CpuUse.start(CpuUse.gateway(java.util.Set.of(load.threadId())));
        long start = System.nanoTime();
        Thread progress = Thread.ofVirtual().start(() -> {
          try {
            while (true) {
              Thread.sleep(2000);
              var b = gateway.services().connector().status().getFirst();
              System.out.printf("  t=%ds in_flight=%d bind_queue=%d window=%d parked=%d submitted=%d commits=%d writes=%d%n",
                  (System.nanoTime() - start) / 1_000_000_000L, gateway.services().sms().inFlight(), b.queued(),
                  b.windowInUse(), gateway.services().connector().parked(), outcomes.get("submitted"),
                  gateway.services().store().health().commits(), gateway.services().store().health().writes());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        long earlyBefore = receipts.get("early");
        long fromQueueBefore = fromQueue.get();
        long waitedBefore = receipts.get("waited");
        ApiLoad.Result result = load.send(requests, concurrency);
        while (outcomes.get("submitted") < warmup + n) {
          Thread.sleep(2);
        }
        long submitted = System.nanoTime() - start;
        awaitReceipts(receipts, warmupParts + result.parts());
        awaitDelivered(bench, warmup + n);
        long delivered = System.nanoTime() - start;
        Map<String, Long> used = cpu.since();
        progress.interrupt();
        var health = gateway.services().store().health();
        return new FullPath(result, submitted, delivered, delivered(bench) - warmup, health.commits(), health.writes(),
            health.syncs(), receipts.get("waited") - waitedBefore, receipts.get("early") - earlyBefore,
            fromQueue.get() - fromQueueBefore, used);
      } finally {
        load.close();
      }
    }
  }

  /** Waits until the gateway has taken {@code parts} receipts (matched at once or kept until their submit). */
  private static void awaitReceipts(Metrics.Counter receipts, long parts) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (receipts.get("matched") + receipts.get("waited") + receipts.get("early") < parts && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
  }

  /** Polls the store (on a connection of its own) until {@code n} messages are delivered. */
  private static void awaitDelivered(BenchGateway bench, long n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (delivered(bench) < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not every message was delivered within 10 minutes: " + delivered(bench)
            + " of " + n);
      }
      Thread.sleep(20);
    }
  }

  private static long delivered(BenchGateway bench) throws Exception {
    return bench.number("SELECT COUNT(*) FROM messages WHERE state = 'delivered'");
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}

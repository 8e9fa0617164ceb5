package org.relais.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code ./relais bench agi}: the same load against Relais's FastAGI server and against
 * Asterisk-Java's DefaultAgiServer, each in a JVM with the same heap. Two measures each: calls held
 * at once (every call waiting on its first prompt), with the heap, threads and memory they take;
 * and session setups per second at a set rate, each call running the hotline to its route, with the
 * server's command turnaround.
 */
public final class AgiBench {

  /** The keys a call presses: French, outages and danger, report an outage. */
  static final List<String> KEYS = List.of("1", "1", "2");
  private static final int BATCH = 250;

  /** What the command line asked for. */
  record Options(int calls, int rate, int seconds, int warmup, String heap, List<String> servers, List<String> jvm) {}

  /** What one server did. */
  record Figures(
      String server, int held, int asked, BenchServerProcess.Memory base, BenchServerProcess.Memory holding,
      double setupsPerSecond, int completed, int failed, double cpuPerCallMs, Histogram turnaround) {

    double heapPerCallKb() {
      return held == 0 ? 0 : (holding.heapBytes() - base.heapBytes()) / 1024.0 / held;
    }
  }

  private final Options options;
  private final PrintStream out;

  public AgiBench(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Reads {@code --calls N --rate N --seconds N --heap 512m --server relais|asterisk-java|both --jvm "OPTIONS"}
   * ({@code --jvm}: more options for both servers' JVMs, such as a garbage collector).
   */
  public static AgiBench fromArgs(List<String> args, PrintStream out) {
    int calls = 10_000;
    int rate = 1_000;
    int seconds = 10;
    int warmup = 20;
    String heap = "512m";
    List<String> servers = List.of("relais", "asterisk-java");
    List<String> jvm = List.of();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      String v = args.get(i + 1);
      switch (args.get(i)) {
        case "--calls" -> calls = Integer.parseInt(v);
        case "--rate" -> rate = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--heap" -> heap = v;
        case "--server" -> servers = v.equals("both") ? servers : List.of(v);
        case "--jvm" -> jvm = List.of(v.trim().split("\\s+"));
        default -> throw new IllegalArgumentException("unknown option " + args.get(i));
      }
    }
    if (args.size() % 2 != 0) {
      throw new IllegalArgumentException(
          "options go by pairs: --calls N --rate N --seconds N --warmup N --heap 512m --server S");
    }
    return new AgiBench(new Options(calls, rate, seconds, warmup, heap, servers, jvm), out);
  }

  public int run() throws Exception {
    out.printf("FastAGI benchmark: %d calls held, then %d session setups/s for %d s (after %d s at that rate to"
        + " warm up); each server in its own JVM (-Xmx%s%s), the load from this one, on %d CPUs.%n", options.calls(),
        options.rate(), options.seconds(), options.warmup(),
        options.heap(), options.jvm().isEmpty() ? "" : " " + String.join(" ", options.jvm()),
        Runtime.getRuntime().availableProcessors());
    List<Figures> all = new ArrayList<>();
    for (String server : options.servers()) {
      out.println("... " + server);
      all.add(measure(server));
    }
    new BenchReport(out, options.heap()).print(all);
    return 0;
  }

  private Figures measure(String server) throws Exception {
    Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try (BenchServerProcess process = BenchServerProcess.start(server, options.heap(), options.jvm(),
        options.calls())) {
      Recorder turnaround = new Recorder(3);
      AgiLoad agi = new AgiLoad(load, "127.0.0.1", process.port(), KEYS, turnaround);
      // The JIT compiles for the first ten seconds or so at this rate, on one of the two cores: the
      // figures are those of a server past its start, measured after the warm-up.
      atRate(agi, Math.max(1, options.warmup()));
      // A full collection between warm-up and measure (as JMH's -gc true): what the start left
      // in the old generation is not collected, in mixed pauses, during the measure.
      process.memory();
      turnaround.getIntervalHistogram();
      int[] counts = new int[2];
      long cpuBefore = process.cpuNanos();
      long started = System.nanoTime();
      atRate(agi, options.seconds(), counts);
      double perSecond = counts[0] / ((System.nanoTime() - started) / 1e9);
      Histogram rtt = turnaround.getIntervalHistogram();
      double cpuPerCallMs = (process.cpuNanos() - cpuBefore) / 1e6 / Math.max(1, counts[0] + counts[1]);

      BenchServerProcess.Memory base = process.memory();
      Promise<Void> release = Promise.promise();
      List<Future<AgiLoad.Result>> calls = new ArrayList<>();
      int held = hold(server, agi, release.future(), calls);
      BenchServerProcess.Memory holding = process.memory();
      release.complete();
      Future.join(calls).await(180, TimeUnit.SECONDS);
      agi.close().await(30, TimeUnit.SECONDS);
      return new Figures(server, held, options.calls(), base, holding, perSecond, counts[0], counts[1], cpuPerCallMs,
          rtt);
    } finally {
      load.close().await(60, TimeUnit.SECONDS);
    }
  }

  private void atRate(AgiLoad agi, int seconds) throws InterruptedException {
    atRate(agi, seconds, new int[2]);
  }

  /** Starts {@code rate} calls a second for {@code seconds} (every 10 ms a tenth of a hundredth); waits for them. */
  private void atRate(AgiLoad agi, int seconds, int[] counts) throws InterruptedException {
    int ticks = seconds * 100;
    int perTick = Math.max(1, options.rate() / 100);
    CountDownLatch done = new CountDownLatch(ticks * perTick);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger numbers = new AtomicInteger();
    long start = System.nanoTime();
    for (int t = 0; t < ticks; t++) {
      long due = start + t * 10_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      for (int i = 0; i < perTick; i++) {
        agi.call("hotline", "+21621" + String.format("%06d", numbers.incrementAndGet() % 1_000_000), null, null)
            .onComplete(r -> {
              if (r.succeeded() && !r.result().failed() && "queue:outages".equals(r.result().route())) {
                ok.incrementAndGet();
              } else {
                failed.incrementAndGet();
              }
              done.countDown();
            });
      }
    }
    if (!done.await(120, TimeUnit.SECONDS)) {
      out.println("   (some calls did not end within 120 s)");
    }
    counts[0] = ok.get();
    counts[1] = failed.get() + (int) done.getCount();
  }

  /** Opens calls in batches, each call held on its first prompt, until all are or a batch fails; returns how many. */
  private int hold(String server, AgiLoad agi, Future<Void> release, List<Future<AgiLoad.Result>> calls) {
    int held = 0;
    for (int i = 0; i < options.calls(); i += BATCH) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(options.calls(), i + BATCH); j++) {
        Promise<Void> h = Promise.promise();
        batch.add(h.future());
        calls.add(agi.call("hotline", "+21622" + String.format("%06d", j), h, release));
      }
      try {
        Future.join(batch).await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // counted below
      }
      int ok = (int) batch.stream().filter(Future::succeeded).count();
      held += ok;
      if (ok < batch.size()) {
        out.printf(Locale.ROOT, "   %s: %d of %d calls refused or dropped; holding stops at %d%n", server,
            batch.size() - ok, batch.size(), held);
        break;
      }
    }
    return held;
  }
}

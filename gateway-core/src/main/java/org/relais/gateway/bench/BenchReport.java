package org.relais.gateway.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Prints the benchmark's figures side by side, one column per server. */
final class BenchReport {

  private final PrintStream out;
  private final String heap;

  BenchReport(PrintStream out, String heap) {
    this.out = out;
    this.heap = heap;
  }

  void print(List<AgiBench.Figures> all) {
    out.println();
    row("", all.stream().map(f -> f.server().equals("relais") ? "Relais" : "Asterisk-Java DefaultAgiServer").toList());
    row("concurrent calls held", all.stream().map(f -> String.format(Locale.ROOT, "%,d of %,d", f.held(), f.asked()))
        .toList());
    row("heap per held call", all.stream().map(f -> String.format(Locale.ROOT, "%.1f KB", f.heapPerCallKb())).toList());
    row("heap used, idle -> holding", all.stream().map(f -> String.format(Locale.ROOT, "%d -> %d MB",
        f.base().heapBytes() >> 20, f.holding().heapBytes() >> 20)).toList());
    row("calls " + heap + " of heap would hold", all.stream().map(f -> f.heapPerCallKb() <= 0 ? "-"
        : String.format(Locale.ROOT, "~%,d", (long) ((maxHeapBytes() - f.base().heapBytes()) / 1024.0
            / f.heapPerCallKb()))).toList());
    row("threads while holding", all.stream().map(f -> String.format(Locale.ROOT, "%,d", f.holding().threads()))
        .toList());
    row("resident memory while holding", all.stream().map(f -> String.format(Locale.ROOT, "%,d MB",
        f.holding().residentKb() / 1024)).toList());
    row("session setups/s achieved", all.stream().map(f -> String.format(Locale.ROOT, "%,.0f", f.setupsPerSecond()))
        .toList());
    row("calls completed / failed", all.stream().map(f -> f.completed() + " / " + f.failed()).toList());
    row("server CPU per call", all.stream().map(f -> String.format(Locale.ROOT, "%.3f ms", f.cpuPerCallMs())).toList());
    row("command round trip p50", all.stream().map(f -> ms(f.turnaround(), 50)).toList());
    row("command round trip p99", all.stream().map(f -> ms(f.turnaround(), 99)).toList());
    row("command round trip p99.9", all.stream().map(f -> ms(f.turnaround(), 99.9)).toList());
    row("command round trip max", all.stream().map(f -> String.format(Locale.ROOT, "%.2f ms",
        f.turnaround().getMaxValue() / 1000.0)).toList());
    if (all.size() == 2 && all.get(0).heapPerCallKb() > 0 && all.get(1).heapPerCallKb() > 0) {
      out.printf(Locale.ROOT, "%nAt the same heap, Relais holds %.1fx the calls DefaultAgiServer holds (heap per call"
          + " %.1f KB vs %.1f KB).%n", all.get(1).heapPerCallKb() / all.get(0).heapPerCallKb(),
          all.get(0).heapPerCallKb(), all.get(1).heapPerCallKb());
    }
    out.println("Round trip: from Asterisk's answer to the server's next command, measured by the load generator.");
  }

  private long maxHeapBytes() {
    String h = heap.toLowerCase(Locale.ROOT);
    long n = Long.parseLong(h.replaceAll("[^0-9]", ""));
    return h.endsWith("g") ? n << 30 : h.endsWith("m") ? n << 20 : h.endsWith("k") ? n << 10 : n;
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "-"
        : String.format(Locale.ROOT, "%.2f ms", h.getValueAtPercentile(percentile) / 1000.0);
  }

  private void row(String label, List<String> values) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-32s", label));
    for (String v : values) {
      s.append(String.format(Locale.ROOT, "%-34s", v));
    }
    out.println(s.toString().stripTrailing());
  }
}

package org.relais.gateway.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A small registry: counters with labels, counters and gauges read when scraped, and histograms.
 * Names follow Prometheus conventions ({@code relais_..._total} for counters).
 */
public final class Metrics {

  /** One value of a gauge family, with its label values. */
  public record Sample(List<String> labelValues, double value) {
    public static Sample of(double value, String... labelValues) {
      return new Sample(List.of(labelValues), value);
    }
  }

  private final List<Family> families = new CopyOnWriteArrayList<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

  /** A counter family; the same name returns the same counter. */
  public Counter counter(String name, String help, String... labelNames) {
    return counters.computeIfAbsent(name, n -> {
      Counter c = new Counter(n, help, List.of(labelNames));
      families.add(c);
      return c;
    });
  }

  /** A gauge family whose samples are read at each scrape. */
  public void gauge(String name, String help, List<String> labelNames, Supplier<List<Sample>> samples) {
    families.add(new Read(name, help, "gauge", labelNames, samples));
  }

  /** A counter family whose samples are read at each scrape, from counts kept elsewhere (they only grow). */
  public void counter(String name, String help, List<String> labelNames, Supplier<List<Sample>> samples) {
    families.add(new Read(name, help, "counter", labelNames, samples));
  }

  /** A histogram family with the given bucket bounds; the same name returns the same histogram. */
  public Histogram histogram(String name, String help, double[] bounds, String... labelNames) {
    return histograms.computeIfAbsent(name, n -> {
      Histogram h = new Histogram(n, help, bounds, List.of(labelNames));
      families.add(h);
      return h;
    });
  }

  /** The text a Prometheus server scrapes. */
  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    for (Family family : families) {
      family.write(out);
    }
    return out.toString();
  }

  private interface Family {
    void write(StringBuilder out);
  }

  /** A monotonic counter with labels. */
  public static final class Counter implements Family {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

    private Counter(String name, String help, List<String> labelNames) {
      this.name = name;
      this.help = help;
      this.labelNames = labelNames;
    }

    public void inc(String... labelValues) {
      add(1, labelValues);
    }

    public void add(long n, String... labelValues) {
      if (labelValues.length != labelNames.size()) {
        throw new IllegalArgumentException(name + " takes labels " + labelNames);
      }
      values.computeIfAbsent(List.of(labelValues), k -> new LongAdder()).add(n);
    }

    public long get(String... labelValues) {
      LongAdder v = values.get(List.of(labelValues));
      return v == null ? 0 : v.sum();
    }

    @Override
    public void write(StringBuilder out) {
      header(out, name, help, "counter");
      if (values.isEmpty() && labelNames.isEmpty()) {
        out.append(name).append(" 0\n");
      }
      values.forEach((labels, v) -> sample(out, name, labelNames, labels, v.sum()));
    }
  }

  private record Read(String name, String help, String type, List<String> labelNames,
      Supplier<List<Sample>> samples) implements Family {
    @Override
    public void write(StringBuilder out) {
      header(out, name, help, type);
      for (Sample s : samples.get()) {
        sample(out, name, labelNames, s.labelValues(), s.value());
      }
    }
  }

  /** Observations counted in buckets (cumulative on scrape), with their sum and count, per label values. */
  public static final class Histogram implements Family {

    /** Bounds for latencies in seconds, from 5 ms to an hour (receipts may take long). */
    public static final double[] LATENCY_SECONDS =
        {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600};

    private final String name;
    private final String help;
    private final double[] bounds;
    private final List<String> labelNames;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    private Histogram(String name, String help, double[] bounds, List<String> labelNames) {
      this.name = name;
      this.help = help;
      this.bounds = bounds.clone();
      this.labelNames = labelNames;
    }

    /** The counts of one set of label values. */
    private static final class Series {
      final LongAdder[] buckets;
      final DoubleAdder sum = new DoubleAdder();
      final LongAdder count = new LongAdder();

      Series(int n) {
        buckets = new LongAdder[n + 1];
        for (int i = 0; i < buckets.length; i++) {
          buckets[i] = new LongAdder();
        }
      }
    }

    public void observe(double value, String... labelValues) {
      if (labelValues.length != labelNames.size()) {
        throw new IllegalArgumentException(name + " takes labels " + labelNames);
      }
      Series s = series.computeIfAbsent(List.of(labelValues), k -> new Series(bounds.length));
      int i = 0;
      while (i < bounds.length && value > bounds[i]) {
        i++;
      }
      s.buckets[i].increment();
      s.sum.add(value);
      s.count.increment();
    }

    public long count(String... labelValues) {
      Series s = series.get(List.of(labelValues));
      return s == null ? 0 : s.count.sum();
    }

    /**
     * The value below which a fraction {@code q} of observations fall, read from the buckets (linear
     * within the bucket); NaN without observations.
     */
    public double quantile(double q, String... labelValues) {
      Series s = series.get(List.of(labelValues));
      long total = s == null ? 0 : s.count.sum();
      if (total == 0) {
        return Double.NaN;
      }
      double rank = q * total;
      long seen = 0;
      for (int i = 0; i < s.buckets.length; i++) {
        long n = s.buckets[i].sum();
        if (n > 0 && seen + n >= rank) {
          double low = i == 0 ? 0 : bounds[i - 1];
          double high = i < bounds.length ? bounds[i] : bounds[bounds.length - 1];
          return low + (high - low) * ((rank - seen) / n);
        }
        seen += n;
      }
      return bounds[bounds.length - 1];
    }

    @Override
    public void write(StringBuilder out) {
      header(out, name, help, "histogram");
      List<String> withLe = new ArrayList<>(labelNames);
      withLe.add("le");
      series.forEach((labels, s) -> {
        long cumulative = 0;
        for (int i = 0; i < s.buckets.length; i++) {
          cumulative += s.buckets[i].sum();
          List<String> values = new ArrayList<>(labels);
          values.add(i < bounds.length ? Double.toString(bounds[i]) : "+Inf");
          sample(out, name + "_bucket", withLe, values, cumulative);
        }
        sample(out, name + "_sum", labelNames, labels, s.sum.sum());
        sample(out, name + "_count", labelNames, labels, s.count.sum());
      });
    }
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, List<String> names, List<String> values, double v) {
    out.append(name);
    if (!names.isEmpty()) {
      List<String> pairs = new ArrayList<>(names.size());
      for (int i = 0; i < names.size(); i++) {
        String value = values.get(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        pairs.add(names.get(i) + "=\"" + value + "\"");
      }
      out.append('{').append(String.join(",", pairs)).append('}');
    }
    out.append(' ');
    if (v == Math.rint(v) && !Double.isInfinite(v)) {
      out.append((long) v);
    } else {
      out.append(v);
    }
    out.append('\n');
  }
}

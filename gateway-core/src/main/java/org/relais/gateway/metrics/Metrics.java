package org.relais.gateway.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A small registry: counters with labels, and gauges read when scraped. Names follow Prometheus
 * conventions ({@code relais_..._total} for counters).
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
    families.add(new Gauge(name, help, labelNames, samples));
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

  private record Gauge(String name, String help, List<String> labelNames, Supplier<List<Sample>> samples)
      implements Family {
    @Override
    public void write(StringBuilder out) {
      header(out, name, help, "gauge");
      for (Sample s : samples.get()) {
        sample(out, name, labelNames, s.labelValues(), s.value());
      }
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

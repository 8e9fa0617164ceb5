package org.relais.gateway.bench;

import java.util.List;

/** What the benchmarks share: reading {@code --name value} options, and saying what they ran on. */
final class BenchOptions {

  private BenchOptions() {}

  /** Takes {@code name} and its number out of {@code args} ({@code 1_000} and {@code 1,000} read as 1000). */
  static int intOption(List<String> args, String name, int fallback) {
    String v = textOption(args, name, null);
    return v == null ? fallback : Integer.parseInt(v.replace("_", "").replace(",", ""));
  }

  /** Takes {@code name} and its value out of {@code args}; {@code fallback} when it is not there. */
  static String textOption(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size()) {
      return fallback;
    }
    String v = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return v;
  }

  /** The machine a figure comes from: cores, architecture, Java, system. */
  static String machine() {
    return String.format("machine: %d cores, %s, Java %s (%s), %s %s", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
        System.getProperty("os.name"), System.getProperty("os.version"));
  }
}

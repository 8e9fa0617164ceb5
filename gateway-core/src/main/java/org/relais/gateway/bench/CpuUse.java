package org.relais.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * CPU time spent during a run, by the whole process and by groups of its threads: figures per
 * message that vary less than throughput on a shared machine. Threads are grouped by name (the
 * store's writer, the Vert.x event loops...); virtual threads count in their carriers; what no
 * Java thread shows (the garbage collector, the JIT compilers) is the process less its threads.
 * On Linux, the part of the process's time spent in the kernel too (system calls, wake-ups).
 */
final class CpuUse {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  static final String OTHER = "other (GC, JIT compilers, threads that ended)";
  static final String PROCESS = "the whole process";
  /** The process's system time: absent where /proc/self/stat cannot be read. */
  static final String KERNEL = "in the kernel";
  /** Linux counts a process's times in ticks of USER_HZ, 100 per second on every architecture it runs on here. */
  private static final long TICK_NANOS = 10_000_000L;

  private final Function<ThreadInfo, String> groups;
  private final long processStart;
  private final long kernelStart;
  private final Map<Long, Long> threadStart;

  private CpuUse(Function<ThreadInfo, String> groups) {
    this.groups = groups;
    this.threadStart = threadTimes();
    this.processStart = processNanos();
    this.kernelStart = kernelNanos();
  }

  /** Starts counting now. */
  static CpuUse start(Function<ThreadInfo, String> groups) {
    return new CpuUse(groups);
  }

  /** The gateway's threads, by role; {@code load} is the API load's own event loop. */
  static Function<ThreadInfo, String> gateway(Set<Long> load) {
    return t -> {
      String name = t.getThreadName();
      if (load.contains(t.getThreadId())) {
        return "API load (HTTP client, loopback TCP both ways)";
      } else if (name.equals("store-writer")) {
        return "store writer (SQLite)";
      } else if (name.equals("store-sync")) {
        return "store sync (fdatasync)";
      } else if (name.startsWith("vert.x-eventloop-thread-")) {
        return "gateway event loops (HTTP API, dispatch)";
      }
      return shared(name, "virtual threads (binds, store answers, SMSC simulator)");
    };
  }

  /** The ceiling's threads: the bare client and the simulator run on virtual threads. */
  static Function<ThreadInfo, String> bare() {
    return t -> shared(t.getThreadName(), "virtual threads (bare client's submits, SMSC simulator)");
  }

  private static String shared(String name, String virtual) {
    if (name.startsWith("ForkJoinPool-")) {
      return virtual;
    } else if (name.startsWith("PDUReaderWorker-") || name.startsWith("pool-")) {
      return "jSMPP session threads (PDU reader, PDU processing)";
    } else if (name.equals("ForkJoinPool.commonPool-delayScheduler") || name.equals("VirtualThread-unblocker")) {
      return "timed waits of virtual threads";
    }
    return "other Java threads";
  }

  /**
   * CPU per group since the start, in nanoseconds; then {@link #OTHER}, then {@link #PROCESS}, the
   * whole, and {@link #KERNEL}, the part of the whole in the kernel, where it can be read.
   */
  Map<String, Long> since() {
    long process = processNanos() - processStart;
    long kernel = kernelNanos();
    Map<Long, Long> now = threadTimes();
    Map<String, Long> byGroup = new LinkedHashMap<>();
    long threads = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(now.keySet().stream().mapToLong(Long::longValue).toArray())) {
      if (info == null) {
        continue;
      }
      long used = now.get(info.getThreadId()) - threadStart.getOrDefault(info.getThreadId(), 0L);
      threads += used;
      byGroup.merge(groups.apply(info), used, Long::sum);
    }
    byGroup.put(OTHER, Math.max(0, process - threads));
    byGroup.put(PROCESS, process);
    if (kernel >= 0 && kernelStart >= 0) {
      byGroup.put(KERNEL, kernel - kernelStart);
    }
    return byGroup;
  }

  /** The process's system time so far (field 15 of /proc/self/stat); -1 where it cannot be read. */
  private static long kernelNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // The fields after the command's name, which is in parentheses and may hold spaces: the
      // first of them is field 3, so field 15 is the thirteenth.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      return Long.parseLong(fields[12]) * TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static Map<Long, Long> threadTimes() {
    Map<Long, Long> times = new LinkedHashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) {
        times.put(id, cpu);
      }
    }
    return times;
  }

  private static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}

package org.relais.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A benchmark server in a JVM of its own ({@link AgiBenchServer}), and what it reports of its memory. */
final class BenchServerProcess implements AutoCloseable {

  /** Heap used after a full collection, live threads and resident memory, as the server reported them. */
  record Memory(long heapBytes, int threads, long residentKb) {}

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  private BenchServerProcess(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String ready = expect("READY ");
    this.port = Integer.parseInt(ready.substring("READY ".length()).trim());
  }

  /** Starts {@code kind} ({@code relais} or {@code asterisk-java}) with {@code heap} as its -Xmx, and {@code jvm}. */
  static BenchServerProcess start(String kind, String heap, List<String> jvm, int maxCalls) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap));
    command.addAll(jvm.stream().filter(o -> !o.isEmpty()).toList());
    command.addAll(List.of("-Drelais.log.level=ERROR", "-Dvertx.disableDnsResolver=true", "-cp",
        System.getProperty("java.class.path"), AgiBenchServer.class.getName(), kind, String.valueOf(maxCalls)));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      return new BenchServerProcess(p);
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Memory memory() throws IOException {
    in.write("HEAP\n");
    in.flush();
    String[] parts = expect("HEAP ").split(" ");
    return new Memory(Long.parseLong(parts[1]), Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
  }

  /** The CPU time the server has used so far. */
  long cpuNanos() throws IOException {
    in.write("CPU\n");
    in.flush();
    return Long.parseLong(expect("CPU ").substring(4).trim());
  }

  /** The next line starting with {@code prefix} (the server's log lines are skipped). */
  private String expect(String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException("the benchmark server ended (exit " + exitCode() + ") before saying " + prefix.trim());
  }

  private String exitCode() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      in.write("STOP\n");
      in.flush();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

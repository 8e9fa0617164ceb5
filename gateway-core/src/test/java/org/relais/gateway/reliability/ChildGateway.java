package org.relais.gateway.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code relais run} in a JVM of its own, started with the test's class path and {@code RELAIS_*}
 * variables, so that a test can kill it with SIGKILL ({@link #kill}) and start it again on the
 * same store and ports ({@link #restart}). Its output goes to files in the test's folder.
 */
final class ChildGateway implements AutoCloseable {

  private final Path dir;
  private final Map<String, String> env;
  private final int httpPort;
  private final int generation;
  private final Process process;

  private ChildGateway(Path dir, Map<String, String> env, int httpPort, int generation, Process process) {
    this.dir = dir;
    this.env = env;
    this.httpPort = httpPort;
    this.generation = generation;
    this.process = process;
  }

  /** Starts a gateway whose store is {@code dir/relais.db}, with {@code env} over the test defaults; waits until it serves. */
  static ChildGateway start(Path dir, Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>();
    int http = freePort();
    all.put("RELAIS_HTTP_PORT", String.valueOf(http));
    all.put("RELAIS_AGI_PORT", String.valueOf(freePort()));
    all.put("RELAIS_STORE_PATH", dir.resolve("relais.db").toString());
    all.put("RELAIS_LOG_LEVEL", "WARN");
    all.put("RELAIS_SMPP_RECONNECT_MIN", "100ms");
    all.put("RELAIS_SMPP_RECONNECT_MAX", "500ms");
    all.put("RELAIS_CORE_INITIAL_BACKOFF", "100ms");
    all.put("RELAIS_CORE_MAX_BACKOFF", "500ms");
    all.put("RELAIS_API_RATE_PER_SECOND", "0");
    all.putAll(env);
    return launch(dir, Map.copyOf(all), http, 1);
  }

  private static ChildGateway launch(Path dir, Map<String, String> env, int http, int generation) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-Xshare:auto",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "org.relais.gateway.Main", "run"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("gateway-" + generation + ".out").toFile())
        .redirectError(dir.resolve("gateway-" + generation + ".err").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("RELAIS_"));
    builder.environment().putAll(env);
    ChildGateway child = new ChildGateway(dir, env, http, generation, builder.start());
    child.awaitServing(Duration.ofSeconds(60));
    return child;
  }

  /** Kills the process with SIGKILL: no shutdown hook, no flush, no unbind; waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the gateway did not die");
    }
  }

  /** Starts the next gateway on the same store, ports and peers (the previous one must be gone). */
  ChildGateway restart() throws Exception {
    return launch(dir, env, httpPort, generation + 1);
  }

  int httpPort() {
    return httpPort;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  private void awaitServing(Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      while (true) {
        if (!process.isAlive()) {
          throw new AssertionError("the gateway stopped at start (exit " + process.exitValue() + "): " + errors());
        }
        try {
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
          return;
        } catch (IOException notYet) {
          if (System.nanoTime() > end) {
            throw new AssertionError("the gateway did not serve within " + timeout + ": " + errors());
          }
          Thread.sleep(100);
        }
      }
    }
  }

  private String errors() throws IOException {
    Path err = dir.resolve("gateway-" + generation + ".err");
    String text = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }

  /** Stops the process as an operator would (SIGTERM: submits in flight finish, binds unbind). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

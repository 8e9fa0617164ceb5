package org.relais.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.relais.gateway.NetworkTransport;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.config.ConfigLoader;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.telephony.CallLog;
import org.relais.gateway.telephony.IvrSetup;
import org.relais.gateway.telephony.Telephony;
import org.relais.gateway.telephony.agi.AgiServer;
import org.relais.ivr.engine.FlowEngine;
import org.relais.ivr.engine.FlowServices;

/**
 * The server side of {@code ./relais bench agi}, run in a JVM of its own so that its heap is its
 * own: {@code relais} (the FastAGI server running the hotline flow) or {@code asterisk-java}
 * (DefaultAgiServer running {@link HotlineScript}). It prints {@code READY <port>}, then answers
 * {@code HEAP} on its standard input with the heap used after a full collection, its thread count
 * and its resident memory, and {@code CPU} with the CPU time it used, until {@code STOP}.
 */
public final class AgiBenchServer {

  private AgiBenchServer() {}

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "relais";
    int maxCalls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int port = switch (kind) {
      case "relais" -> relais();
      case "asterisk-java" -> asteriskJava(maxCalls);
      default -> throw new IllegalArgumentException("relais or asterisk-java, not " + kind);
    };
    System.out.println("READY " + port);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !line.equals("STOP")) {
      if (line.equals("HEAP")) {
        System.out.println("HEAP " + heapAfterGc() + " " + Thread.activeCount() + " " + residentKb());
        System.out.flush();
      } else if (line.equals("CPU")) {
        System.out.println("CPU " + ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L));
        System.out.flush();
      }
    }
    System.exit(0);
  }

  private static int relais() throws Exception {
    RelaisConfig embedded = ConfigLoader.embedded(Map.of());
    IvrSetup ivr = IvrSetup.load(embedded);
    Clock open = Clock.fixed(Instant.parse("2026-03-18T10:00:00Z"), ZoneOffset.UTC);
    FlowEngine engine = new FlowEngine(ivr.prompts(), FlowServices.none(), ivr.hours(), open, "queue:operator");
    AgiConfig config = new AgiConfig("127.0.0.1", 0, 8192, 0, Duration.ofSeconds(300), null, null, null, null, null,
        null, null);
    // On the transport the gateway's defaults take (network.transport).
    Vertx vertx = NetworkTransport.start(new VertxOptions(), embedded.network()).vertx();
    Metrics metrics = new Metrics();
    AtomicInteger active = new AtomicInteger();
    return Telephony.deployAgi(vertx, config,
        () -> new AgiServer(config, ivr.flows(), engine, CallLog.none(), metrics, active)).await(60, TimeUnit.SECONDS);
  }

  private static int asteriskJava(int maxCalls) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    DefaultAgiServer server = new DefaultAgiServer(new HotlineScript());
    server.setAddress(InetAddress.getLoopbackAddress());
    server.setPort(port);
    server.setPoolSize(10);
    server.setMaximumPoolSize(maxCalls + 100);
    Thread accept = new Thread(() -> {
      try {
        server.startup();
      } catch (Exception e) {
        System.err.println("DefaultAgiServer stopped: " + e);
      }
    }, "asterisk-java-agi");
    accept.setDaemon(true);
    accept.start();
    long end = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < end) {
      try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
        s.close();
        return port;
      } catch (java.io.IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("DefaultAgiServer did not listen within 10 s");
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** VmRSS from /proc (Linux), or -1. */
  private static long residentKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}

package org.relais.gateway.reliability;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.relais.gateway.TestGateway;

/**
 * Posts {@code total} messages to {@code POST /api/v1/messages}, {@code concurrency} at a time, one
 * per recipient number (message {@code n} goes to {@link #recipient}). A 202 is an accepted message;
 * a request that fails (the gateway died under it) or is refused is not. Can be paused while the
 * gateway is restarted, and pointed at the new one.
 */
final class ApiLoadDriver {

  private final int total;
  private final Semaphore slots;
  private final Map<Integer, String> accepted = new ConcurrentHashMap<>();
  private final Map<Integer, String> notAccepted = new ConcurrentHashMap<>();
  private final AtomicInteger done = new AtomicInteger();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile HttpClient http;
  private volatile int port;
  private Thread thread;

  ApiLoadDriver(int port, int total, int concurrency) {
    this.port = port;
    this.total = total;
    this.slots = new Semaphore(concurrency);
    this.http = client();
  }

  static String recipient(int n) {
    return "+2162%07d".formatted(n);
  }

  /** The message number of a recipient as the SMSC sees it (international digits, no '+'). */
  static int number(String destination) {
    return Integer.parseInt(destination.substring(4));
  }

  void start() {
    thread = Thread.ofPlatform().name("api-load").start(this::run);
  }

  private void run() {
    try {
      for (int n = 0; n < total; n++) {
        gate.await();
        slots.acquire();
        int number = n;
        String body = new JsonObject().put("to", recipient(n)).put("text", "Avis de coupure d'eau, lot " + n).encode();
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestGateway.SENDER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
            .whenComplete((r, e) -> {
              if (e == null && r.statusCode() == 202) {
                accepted.put(number, new JsonObject(r.body()).getString("id"));
              } else {
                notAccepted.put(number, e != null ? e.getClass().getSimpleName() : "HTTP " + r.statusCode());
              }
              done.incrementAndGet();
              slots.release();
            });
      }
      while (done.get() < total) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finished.countDown();
    }
  }

  /** Sends no new request until {@link #resume}; requests already sent go on. */
  void pause() {
    gate = new CountDownLatch(1);
  }

  /** Sends again, to a gateway on {@code port} with fresh connections. */
  void resume(int port) {
    this.port = port;
    this.http = client();
    gate.countDown();
  }

  void awaitAccepted(int n) throws InterruptedException {
    while (accepted.size() < n) {
      if (finished.getCount() == 0) {
        throw new AssertionError("the load ended with " + accepted.size() + " accepted, fewer than " + n);
      }
      Thread.sleep(10);
    }
  }

  void awaitDone(Duration timeout) throws InterruptedException {
    if (!finished.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the load did not finish: " + done.get() + " of " + total);
    }
  }

  Map<Integer, String> accepted() {
    return Map.copyOf(accepted);
  }

  Map<Integer, String> notAccepted() {
    return Map.copyOf(notAccepted);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }
}

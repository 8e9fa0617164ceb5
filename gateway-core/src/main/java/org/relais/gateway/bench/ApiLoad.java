package org.relais.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Real HTTP requests to {@code POST /api/v1/messages}, at most {@code concurrency} outstanding over
 * {@code connections} kept-alive connections; records each one's accept latency (request sent to
 * 202 read) and the parts the API announced.
 */
final class ApiLoad {

  /** What the load did. */
  record Result(long acceptedNanos, long parts, Histogram latencyMicros, int refused) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final String token;

  ApiLoad(int port, String token, int connections) {
    this.vertx = Vertx.vertx();
    this.port = port;
    this.token = token;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  Result send(List<String> texts, List<String> destinations, int concurrency) throws Exception {
    Histogram latency = new Histogram(60_000_000L, 3);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicLong parts = new AtomicLong();
    CompletableFuture<Long> finished = new CompletableFuture<>();
    long start = System.nanoTime();
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= texts.size()) {
        return;
      }
      Buffer body = new JsonObject().put("to", destinations.get(i)).put("text", texts.get(i)).toBuffer();
      long sent = System.nanoTime();
      client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
              .setURI("/api/v1/messages").putHeader("Authorization", "Bearer " + token)
              .putHeader("Content-Type", "application/json"))
          .compose(request -> request.send(body))
          .compose(response -> response.body().map(b -> {
            if (response.statusCode() == 202) {
              parts.addAndGet(new JsonObject(b).getInteger("parts"));
            } else {
              refused.incrementAndGet();
            }
            return null;
          }))
          .onComplete(ar -> {
            if (ar.failed()) {
              refused.incrementAndGet();
            }
            synchronized (latency) {
              latency.recordValue(Math.min(60_000_000L, (System.nanoTime() - sent) / 1000));
            }
            if (done.incrementAndGet() == texts.size()) {
              finished.complete(System.nanoTime() - start);
            } else {
              pump[0].run();
            }
          });
    };
    vertx.runOnContext(v -> {
      for (int c = 0; c < concurrency; c++) {
        pump[0].run();
      }
    });
    long elapsed = finished.get(30, TimeUnit.MINUTES);
    return new Result(elapsed, parts.get(), latency, refused.get());
  }

  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}

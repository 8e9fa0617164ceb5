package org.relais.gateway.reliability;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.relais.sms.smpp.TestSmsc;

/**
 * A burst of citizens' texts delivered by the SMSC, {@code concurrency} at a time: text {@code n}
 * comes from {@link #citizen}. A deliver_sm_resp with status 0 acknowledges it; anything else (a
 * temporary error, no answer because the gateway died) leaves it for the SMSC to deliver again.
 */
final class MoBurstDriver {

  private final TestSmsc smsc;
  private final Semaphore slots;
  private final Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();
  private final Map<Integer, String> refused = new ConcurrentHashMap<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  MoBurstDriver(TestSmsc smsc, int concurrency) {
    this.smsc = smsc;
    this.slots = new Semaphore(concurrency);
  }

  static String citizen(int n) {
    return "+2165%07d".formatted(n);
  }

  static String text(int n) {
    return "PLAINTE fuite d'eau au lot " + n;
  }

  /** Delivers each of {@code numbers} once (not those already acknowledged); returns when all are answered or failed. */
  void deliver(Collection<Integer> numbers) throws InterruptedException {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int n : numbers) {
        gate.await();
        if (acknowledged.containsKey(n)) {
          continue;
        }
        slots.acquire();
        pool.execute(() -> {
          try {
            int status = smsc.deliver(TestSmsc.text(citizen(n), "1234", text(n)), 5_000);
            if (status == 0) {
              acknowledged.put(n, 0);
              refused.remove(n);
            } else {
              refused.put(n, "status 0x" + Integer.toHexString(status));
            }
          } catch (Exception e) {
            refused.put(n, e.getClass().getSimpleName());
          } finally {
            slots.release();
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(2, TimeUnit.MINUTES);
    }
  }

  /** Delivers nothing new until {@link #resume}. */
  void pause() {
    gate = new CountDownLatch(1);
  }

  void resume() {
    gate.countDown();
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  boolean isAcknowledged(int n) {
    return acknowledged.containsKey(n);
  }

  Map<Integer, String> refused() {
    return Map.copyOf(refused);
  }
}

package org.relais.gateway.handoff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.cases.HandoffState;
import org.relais.gateway.config.CoreConfig;
import org.relais.gateway.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: each pending case is handed to the core until it accepts it. Attempts back
 * off exponentially with jitter ({@code core.initial_backoff} doubling up to
 * {@code core.max_backoff}); after {@code core.max_attempts} the case is dead-lettered. Runs on the
 * context it was started on; one attempt per case at a time.
 */
public final class HandoffWorker {

  private static final Logger log = LoggerFactory.getLogger(HandoffWorker.class);
  private static final long PUMP_MS = 1000;
  private static final long PROBE_MS = 30_000;
  private static final int BATCH = 50;

  private final Vertx vertx;
  private final CaseStore cases;
  private final CoreClient core;
  private final CoreConfig config;
  private final Metrics.Counter attempts;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean reachable;
  private volatile Instant lastContact;
  private volatile String lastError;
  private volatile java.util.Map<HandoffState, Long> counts = java.util.Map.of();
  private long pumpTimer = -1;
  private long probeTimer = -1;

  public HandoffWorker(Vertx vertx, CaseStore cases, CoreClient core, CoreConfig config, Metrics metrics) {
    this.vertx = vertx;
    this.cases = cases;
    this.core = core;
    this.config = config;
    this.attempts = metrics.counter("relais_handoff_attempts_total", "Hand-off attempts by outcome", "outcome");
    metrics.gauge("relais_core_reachable", "1 when the core system answered the last request", java.util.List.of(),
        () -> java.util.List.of(Metrics.Sample.of(reachable ? 1 : 0)));
    metrics.gauge("relais_handoff_outbox", "Cases in the outbox by state (dead: dead letters)", java.util.List.of("state"),
        () -> counts.entrySet().stream().map(e -> Metrics.Sample.of(e.getValue(), e.getKey().label())).toList());
  }

  /** Starts draining the outbox and probing the core; call on the context that should run it. */
  public void start() {
    pumpTimer = vertx.setPeriodic(PUMP_MS, t -> pump());
    probeTimer = vertx.setPeriodic(0, PROBE_MS, t -> probe());
  }

  public void stop() {
    vertx.cancelTimer(pumpTimer);
    vertx.cancelTimer(probeTimer);
  }

  /** The core's reachability as last seen, for /health. */
  public CoreStatus status() {
    return new CoreStatus(config.protocol(), config.baseUrl(), reachable, lastContact, lastError);
  }

  /** What /health says of the core. */
  public record CoreStatus(String protocol, String baseUrl, boolean reachable, Instant lastContact, String lastError) {}

  /**
   * Tries a new case at once (not waiting for the next pump); completes with the case as it stands
   * after this attempt, failed or not.
   */
  public Future<CaseRecord> attemptNow(CaseRecord record) {
    return attempt(record, 0);
  }

  private void pump() {
    refreshCounts();
    cases.due(Instant.now(), BATCH).onSuccess(due -> {
      for (CaseStore.OutboxEntry entry : due) {
        if (!inFlight.contains(entry.caseId())) {
          cases.find(entry.caseId()).onSuccess(found -> found.ifPresent(c -> attempt(c, entry.attempts())));
        }
      }
    }).onFailure(e -> log.warn("hand-off: cannot read the outbox: {}", e.getMessage()));
  }

  private Future<CaseRecord> attempt(CaseRecord record, int previousAttempts) {
    if (record.handoffState() != HandoffState.PENDING || !inFlight.add(record.id())) {
      return Future.succeededFuture(record);
    }
    return core.submit(record)
        .compose(receipt -> {
          contact(null);
          attempts.inc("delivered");
          log.info("hand-off: case {} accepted by the core as {}", record.trackingNumber(),
              receipt.coreId() != null ? receipt.coreId() : "token " + receipt.token());
          return cases.delivered(record.id(), new CaseStore.CoreIds(receipt.coreId(), receipt.token(),
              receipt.trackingNumber()), receipt.expectedResponse());
        }, error -> failed(record, previousAttempts + 1, error))
        .onComplete(done -> {
          inFlight.remove(record.id());
          refreshCounts();
        });
  }

  private void refreshCounts() {
    cases.handoffCounts().onSuccess(c -> counts = c);
  }

  private Future<CaseRecord> failed(CaseRecord record, int attemptNumber, Throwable error) {
    CoreException ce = error instanceof CoreException c ? c : new CoreException(String.valueOf(error), 0, true);
    if (ce.httpStatus() > 0) {
      contact(ce.getMessage());
    } else {
      reachable = false;
      lastError = ce.getMessage();
    }
    boolean dead = !ce.retryable() || attemptNumber >= config.maxAttempts();
    Instant next = Instant.now().plus(backoff(attemptNumber));
    attempts.inc(dead ? "dead" : "retry");
    if (dead) {
      log.error("hand-off: case {} dead-lettered after {} attempts: {}", record.trackingNumber(), attemptNumber,
          ce.getMessage());
    } else {
      log.warn("hand-off: case {} attempt {} failed ({}); next at {}", record.trackingNumber(), attemptNumber,
          ce.getMessage(), next);
    }
    return cases.attemptFailed(record.id(), attemptNumber, next, ce.getMessage(), dead)
        .compose(v -> cases.find(record.id()))
        .map(found -> found.orElse(record));
  }

  /** {@code initial × 2^(n-1)}, capped, with ±25 % jitter so a recovering core is not hit all at once. */
  Duration backoff(int attemptNumber) {
    long base = config.initialBackoff().toMillis() << Math.min(30, Math.max(0, attemptNumber - 1));
    long capped = Math.min(base, config.maxBackoff().toMillis());
    long jitter = (long) (capped * 0.25 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
    return Duration.ofMillis(Math.max(1, capped + jitter));
  }

  private void contact(String error) {
    reachable = true;
    lastContact = Instant.now();
    lastError = error;
  }

  private void probe() {
    core.probe().onSuccess(up -> {
      reachable = up;
      if (up) {
        lastContact = Instant.now();
      }
    });
  }
}

package org.relais.gateway.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;
import org.relais.sms.smpp.SmsConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound queue. A message is committed (state queued) before anything else; then at most
 * {@code capacity} messages are in memory between the store and the binds, and the rest wait in
 * the store, read back highest lane first, then oldest, as room frees. A new message goes straight
 * to the binds while there is room and no backlog; once messages wait (no room, a restart, a batch
 * released), new ones queue behind them until a read of the queue finds fewer than it asked for.
 * A retry that comes due is read by the once-a-second sweep. The SMSC's answer is
 * recorded (submitted, rejected), and a temporary failure puts the message back in the store,
 * due again after a backoff. After a restart everything queued is sent: a message in flight at a
 * crash may go twice, never zero times.
 *
 * <p>Thread-safe: results come back on the binds' threads and are recorded from there, without a
 * hop to an event loop.
 */
public final class OutboundDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);
  private static final int MAX_BATCH = 500;
  private static final long TICK_MS = 1000;
  private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
  private static final long RECORD_RETRY_MAX_MS = 10_000;

  private final Vertx vertx;
  private final MessageStore store;
  private final SmsConnector connector;
  private final int capacity;
  private final int refillAt;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean refilling = new AtomicBoolean();
  /** A read of the queue was asked for and could not run (another was running, no room, it failed). */
  private final AtomicBoolean owed = new AtomicBoolean();
  /** The last read failed: the next failures (one a second while the store cannot write) are not logged again. */
  private volatile boolean readFailing;
  private final Metrics.Counter accepted;
  private final Metrics.Counter outcomes;
  private final Metrics.Counter readFromQueue;
  private final java.util.Set<String> withdrawn = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The reference of each message in memory that has one, so that a bind can tell a withdrawn message. */
  private final java.util.Map<String, String> references = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean backlog = true;
  private volatile boolean stopped;
  private long timer = -1;

  public OutboundDispatcher(Vertx vertx, MessageStore store, SmsConnector connector, int capacity, Metrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.connector = connector;
    this.capacity = capacity;
    this.refillAt = Math.max(1, Math.min(MAX_BATCH, capacity / 4));
    this.accepted = metrics.counter("relais_sms_accepted_total", "Outbound messages committed to the queue");
    this.outcomes = metrics.counter("relais_sms_submit_outcomes_total", "Submit outcomes of outbound messages",
        "outcome");
    this.readFromQueue = metrics.counter("relais_sms_read_from_queue_total",
        "Outbound messages read back from the store's queue rather than sent at once (a backlog, a retry, a restart)");
    connector.withdrawWhen(sms -> {
      String reference = withdrawn.isEmpty() ? null : references.get(sms.id());
      return reference != null && withdrawn.contains(reference);
    });
    metrics.gauge("relais_sms_in_flight", "Outbound messages in memory between the store and the binds", List.of(),
        () -> List.of(Metrics.Sample.of(inFlight.get())));
  }

  /** The number of parts a text takes on the bind that serves {@code destination}, or 0 when it cannot be sent. */
  public int partsFor(String destination, String text, boolean transliterate) {
    return connector.partsFor(destination, text, transliterate);
  }

  /** True when a route of the SMS connector covers {@code destination}. */
  public boolean hasRoute(String destination) {
    return connector.hasRoute(destination);
  }

  /** Messages in memory between the store and the binds; never more than the capacity. */
  public int inFlight() {
    return inFlight.get();
  }

  public int capacity() {
    return capacity;
  }

  /** Commits a message, then sends it or leaves it queued for later; completes once committed (not once sent). */
  public Future<OutboundMessage> send(NewMessage message) {
    boolean direct = !backlog && !stopped && reserve(1) == 1;
    if (!direct) {
      // No room, or messages wait already: this one queues behind them.
      backlog = true;
    }
    return store.insert(message, direct).onComplete(ar -> {
      if (ar.succeeded()) {
        accepted.inc();
        if (direct) {
          dispatch(ar.result());
        } else {
          // A read that ran while it was committed may have missed it: it asks for the next one.
          owed.set(true);
          refill();
        }
      } else if (direct) {
        release(1);
      }
    });
  }

  /**
   * Says that messages were queued in the store without {@link #send} (a batch released, quiet
   * hours ended, an alert's recipients committed in batches): the queue is read again as soon as
   * there is room, highest lane first.
   */
  public void wake() {
    backlog = true;
    refill();
  }

  /**
   * Withdraws the messages of {@code reference} that this run holds in memory and has not handed
   * to a bind yet: they are recorded cancelled instead of being submitted.
   */
  public void withdraw(String reference) {
    withdrawn.add(reference);
  }

  /** Starts reading the queue (what an earlier run left, then what waits); completes with the first batch's size. */
  public Future<Integer> resume() {
    timer = vertx.setPeriodic(TICK_MS, t -> sweep());
    backlog = true;
    return refillNow().onSuccess(n -> {
      if (n > 0) {
        log.info("outbound: resumed {} queued messages", n);
      }
    });
  }

  /** Stops reading the queue; what is queued stays queued for the next start. */
  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * Once a second: makes a read still owed (one that failed, or that nothing asked for again), and
   * reads what became due in the store (retries after their backoff) when there is room, without
   * diverting new messages to the store as a backlog would.
   */
  private void sweep() {
    if (backlog || owed.get()) {
      refill();
      return;
    }
    if (inFlight.get() >= capacity) {
      return;
    }
    read(r -> {
      if (r.full()) {
        backlog = true;
      }
    });
  }

  /** Reads more of the queue when some may wait and enough room is free to read a batch (any room for a read owed). */
  private void refill() {
    if (stopped || !(backlog || owed.get())) {
      return;
    }
    int held = inFlight.get();
    if (held == 0 || capacity - held >= refillAt || (owed.get() && held < capacity)) {
      refillNow();
    }
  }

  /**
   * Reads the queue; once a read finds less than it asked for, new messages go straight to the
   * binds again (a message queued while it ran, maybe after the snapshot it read, owes a read of
   * its own).
   */
  private Future<Integer> refillNow() {
    return read(r -> {
      if (!r.full()) {
        backlog = false;
      }
    }).map(Read::got);
  }

  /** What one read of the queue asked for and got. */
  private record Read(int asked, int got) {
    static final Read NONE = new Read(0, 0);

    boolean full() {
      return asked > 0 && got == asked;
    }
  }

  /**
   * Claims up to a batch of due messages into the free places and dispatches them, one read at a
   * time; {@code settle} sees what was asked and got before the next read may start, and once it
   * has, the queue is read on while a backlog or an owed read calls for it ({@link #refill}). A
   * read that cannot run (another is running, no room) or fails is owed: made when the running one
   * ends, when room frees, or at the next sweep.
   */
  private Future<Read> read(Consumer<Read> settle) {
    if (stopped) {
      return Future.succeededFuture(Read.NONE);
    }
    if (!refilling.compareAndSet(false, true)) {
      owed.set(true);
      return Future.succeededFuture(Read.NONE);
    }
    int want = reserve(MAX_BATCH);
    if (want == 0) {
      refilling.set(false);
      owed.set(true);
      return Future.succeededFuture(Read.NONE);
    }
    // This read's snapshot comes after whatever asked for the reads owed so far.
    owed.set(false);
    return store.claim(want).map(got -> {
      if (readFailing) {
        readFailing = false;
        log.info("outbound: the queue can be read again");
      }
      release(want - got.size());
      readFromQueue.add(got.size());
      Read read = new Read(want, got.size());
      settle.accept(read);
      refilling.set(false);
      if (!got.isEmpty()) {
        Thread.ofVirtual().name("outbound-dispatch").start(() -> got.forEach(this::dispatch));
      }
      refill();
      return read;
    }).onFailure(e -> {
      release(want);
      refilling.set(false);
      owed.set(true);
      if (!readFailing) {
        readFailing = true;
        log.error("outbound: cannot read the queue: {}; trying again every second", e.getMessage());
      }
    });
  }

  /** Takes up to {@code n} places in memory; returns how many it got. */
  private int reserve(int n) {
    while (true) {
      int current = inFlight.get();
      int granted = Math.min(n, capacity - current);
      if (granted <= 0) {
        return 0;
      }
      if (inFlight.compareAndSet(current, current + granted)) {
        return granted;
      }
    }
  }

  private void release(int n) {
    if (n > 0) {
      inFlight.addAndGet(-n);
    }
  }

  private void dispatch(OutboundMessage message) {
    Instant now = Instant.now();
    String reference = message.request().reference();
    if (reference != null && !withdrawn.isEmpty() && withdrawn.contains(reference)) {
      outcomes.inc("cancelled");
      store.failed(message.id(), MessageState.CANCELLED, "withdrawn before its submit");
      done();
      return;
    }
    if (message.isExpired(now)) {
      outcomes.inc("expired");
      store.failed(message.id(), MessageState.EXPIRED, "validity passed before it could be submitted");
      done();
      return;
    }
    if (reference != null) {
      references.put(message.id(), reference);
    }
    connector.submit(message.toSms(now)).whenComplete((result, error) -> {
      try {
        onResult(message, result, error);
      } finally {
        if (reference != null) {
          references.remove(message.id());
        }
        done();
      }
    });
  }

  private void done() {
    release(1);
    refill();
  }

  private void onResult(OutboundMessage message, SubmitResult result, Throwable error) {
    if (error == null) {
      outcomes.inc("submitted");
      record(() -> store.submitted(result), "the submit of " + message.id(), 0);
      return;
    }
    Throwable cause = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
    SmsException sms = cause instanceof SmsException s ? s
        : new SmsException(SmsException.Kind.TEMPORARY, 0, String.valueOf(cause), cause);
    sms.accepted().ifPresent(parts -> store.abandonedParts(parts).onFailure(e -> log.error(
        "outbound: cannot record the parts of {} accepted before its failure: {}", message.id(), e.getMessage())));
    if (sms.kind() == SmsException.Kind.SHUTDOWN) {
      return;
    }
    if (sms.kind() == SmsException.Kind.WITHDRAWN) {
      outcomes.inc("cancelled");
      store.failed(message.id(), MessageState.CANCELLED, sms.getMessage());
      return;
    }
    if (!sms.retryable()) {
      MessageState state = sms.kind() == SmsException.Kind.REJECTED ? MessageState.REJECTED : MessageState.FAILED;
      outcomes.inc(state.label());
      log.warn("outbound: message {} to {} {}: {}", message.id(), PhoneNumbers.mask(message.request().destination()),
          state.label(), sms.getMessage());
      record(() -> store.failed(message.id(), state, sms.getMessage()), "the failure of " + message.id(), 0);
      return;
    }
    outcomes.inc("retry");
    int attempt = message.attempts() + 1;
    long base = Math.min(MAX_RETRY_DELAY.toMillis(), 1000L << Math.min(20, attempt));
    long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    Instant due = Instant.now().plusMillis(delay);
    record(() -> store.retry(message.id(), sms.getMessage(), due), "the retry of " + message.id(), 0);
  }

  /**
   * Records what the SMSC answered; while the store cannot take the write (full, read-only), tries
   * again with a growing pause, so that the answer is kept once the store is back rather than the
   * message being sent again after the next start. Gives up only when stopping.
   */
  private void record(java.util.function.Supplier<Future<?>> write, String what, int attempt) {
    write.get().onFailure(e -> {
      boolean retryable = e instanceof org.relais.gateway.store.StoreException se && se.retryable();
      if (!retryable || stopped) {
        log.error("outbound: cannot record {}: {}", what, e.getMessage());
        return;
      }
      if (attempt == 0) {
        log.warn("outbound: cannot record {} yet ({}); trying again", what, e.getMessage());
      }
      long pause = Math.min(RECORD_RETRY_MAX_MS, 100L << Math.min(8, attempt));
      vertx.setTimer(pause, t -> record(write, what, attempt + 1));
    });
  }
}

package org.relais.sms.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.relais.sms.InboundPort;
import org.relais.sms.OutboundSms;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;
import org.relais.sms.encoding.EncodedText;
import org.relais.sms.encoding.Segment;
import org.relais.sms.encoding.SmsEncoder;
import org.relais.sms.receipt.SmscMessageIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ESME bind to one SMSC, as one transceiver session or a transmitter and a receiver session:
 * it keeps a window of submits in flight, paces them at the bind's rate, serves the highest
 * priority lane first, backs off and slows down when the SMSC throttles, and retries temporary
 * failures.
 *
 * <p>A submit waits for its submit_sm_resp, so each message in flight is a virtual thread blocked
 * on it (the session's reader wakes it, {@link SubmitReplies}); the window bounds how many there
 * are. When the connection drops, those threads are woken at once and their messages go back to
 * the connector to be placed again.
 */
public final class SmppBind implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmppBind.class);
  private static final int MAX_TEMPORARY_ATTEMPTS = 5;

  private final BindConfig config;
  private final SmsEncoder encoder;
  private final SegmentSubmitter submitter;
  private final InboundHandler inbound;
  private final List<SessionLink> links;
  private final SessionLink sender;
  private final ExecutorService threads;
  private final PriorityBlockingQueue<PendingSubmit> queue = new PriorityBlockingQueue<>();
  private final FlowControl flow;
  private final RateMeter submitRate = new RateMeter();
  private final Map<PendingSubmit, Flight> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger concatReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile Consumer<PendingSubmit> displaced = this::enqueue;
  private volatile java.util.function.Predicate<org.relais.sms.OutboundSms> withdrawn = sms -> false;
  private volatile boolean routed;
  private volatile Runnable onSendable = () -> {};
  private volatile boolean running;
  private volatile boolean stopped;

  /** A submit in flight: the thread waiting for its resp, and the session it was sent on. */
  private record Flight(Thread worker, EsmeSession session) {}

  public SmppBind(BindConfig config, InboundPort inboundPort) {
    this.config = config;
    this.encoder = new SmsEncoder(config.concatenation(), config.maxSegments());
    this.submitter = new SegmentSubmitter(config);
    this.inbound = new InboundHandler(config, inboundPort);
    this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smpp-" + config.name() + "-", 0).factory());
    this.flow = new FlowControl(config.window(), config.tps());
    SessionLink.Listener listener = new SessionLink.Listener() {
      @Override
      public void bound(SessionLink link) {
        if (link.role().sends()) {
          onSendable.run();
        }
      }

      @Override
      public void lost(SessionLink link, EsmeSession session) {
        onLost(link, session);
      }
    };
    this.links = switch (config.bindType()) {
      case TRX -> List.of(new SessionLink(config, SessionLink.Role.TRX, inbound, listener));
      case TX_RX -> List.of(new SessionLink(config, SessionLink.Role.TX, inbound, listener),
          new SessionLink(config, SessionLink.Role.RX, inbound, listener));
    };
    this.sender = links.getFirst();
  }

  public String name() {
    return config.name();
  }

  public String group() {
    return config.group();
  }

  /** Lets the connector place again what this bind cannot send, and know when it can send. */
  void connect(Consumer<PendingSubmit> displaced, Runnable onSendable) {
    this.displaced = displaced;
    this.onSendable = onSendable;
    this.routed = true;
  }

  /** Starts connecting; returns at once. */
  public void start() {
    running = true;
    links.forEach(link -> threads.execute(link::run));
    threads.execute(this::sendLoop);
  }

  /** Waits until every session of the bind is bound, or the timeout passes; true when bound. */
  public boolean awaitBound(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    for (SessionLink link : links) {
      if (!link.awaitBound(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  /** BOUND when every session is bound; otherwise the state of the first that is not. */
  public BindState state() {
    if (stopped) {
      return BindState.STOPPED;
    }
    for (SessionLink link : links) {
      if (link.state() != BindState.BOUND) {
        return link.state();
      }
    }
    return BindState.BOUND;
  }

  /** True when the session that submits is bound. */
  boolean canSend() {
    return running && sender.session() != null;
  }

  /** Messages waiting for or in the window: the connector sends to the least loaded bind. */
  int load() {
    return queue.size() + inFlight.size();
  }

  /**
   * Queues a message on this bind alone. The future completes with the SMSC ids once every part is
   * accepted, or fails with an {@link SmsException}: not retryable when the SMSC rejected it or it
   * cannot be encoded, retryable when the bind gave up for now or is stopping.
   */
  public CompletableFuture<SubmitResult> submit(OutboundSms sms) {
    PendingSubmit pending = new PendingSubmit(sms, sequence.incrementAndGet());
    try {
      pending.textFor(this);
    } catch (SmsException e) {
      return CompletableFuture.failedFuture(e);
    }
    enqueue(pending);
    return pending.result;
  }

  /** Takes a message to send; fails it as SHUTDOWN when the bind is stopping. */
  void enqueue(PendingSubmit pending) {
    if (!running) {
      pending.fail(new SmsException(SmsException.Kind.SHUTDOWN, "bind " + name() + " is stopped"));
      return;
    }
    queue.add(pending);
  }

  EncodedText encode(OutboundSms sms) {
    return encoder.encode(sms.text(), sms.transliterate(), concatReference.incrementAndGet());
  }

  /** The number of parts a text will take on this bind. */
  public int partsFor(String text, boolean transliterate) {
    return encoder.partsFor(text, transliterate);
  }

  public BindStatus status() {
    List<BindStatus.Session> sessions = links.stream()
        .map(l -> new BindStatus.Session(l.role().name().toLowerCase(), l.state(), l.lastFailure())).toList();
    return new BindStatus(name(), group(), state(), sessions, inFlight.size(), config.window(), queue.size(),
        submitted.get(), submitRate.perSecond(), flow.allowedRate(), throttled.get(), rejected.get(), failed.get(),
        inbound.received(), inbound.receipts(), inbound.malformed());
  }

  private void sendLoop() {
    while (running) {
      try {
        if (sender.session() == null) {
          TimeUnit.MILLISECONDS.sleep(20);
          continue;
        }
        PendingSubmit next = queue.poll(200, TimeUnit.MILLISECONDS);
        if (next == null) {
          continue;
        }
        flow.enter();
        if (!running) {
          flow.leave();
          next.fail(new SmsException(SmsException.Kind.SHUTDOWN, "bind " + name() + " stopped"));
          continue;
        }
        threads.execute(() -> {
          try {
            send(next);
          } finally {
            flow.leave();
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Names the messages withdrawn by their sender; they are failed instead of submitted. */
  void withdrawnBy(java.util.function.Predicate<org.relais.sms.OutboundSms> test) {
    this.withdrawn = test;
  }

  private void send(PendingSubmit pending) {
    if (pending.smscIds.isEmpty() && withdrawn.test(pending.sms)) {
      pending.fail(new SmsException(SmsException.Kind.WITHDRAWN, "withdrawn by its sender before its submit"));
      return;
    }
    EncodedText text;
    try {
      text = pending.textFor(this);
    } catch (SmsException e) {
      failed.incrementAndGet();
      pending.fail(e);
      return;
    }
    List<Segment> segments = text.segments();
    while (pending.smscIds.size() < segments.size()) {
      Segment segment = segments.get(pending.smscIds.size());
      EsmeSession session = sender.session();
      inFlight.put(pending, new Flight(Thread.currentThread(), session));
      try {
        flow.pace();
        String id = submitter.submit(session, pending.sms, text, segment);
        pending.accepted(this, SmscMessageIds.canonical(id));
        submitRate.mark();
        submitted.incrementAndGet();
        flow.accepted();
      } catch (NegativeResponseException e) {
        onNegative(pending, e.getCommandStatus());
        return;
      } catch (ResponseTimeoutException | InvalidResponseException | IOException | InterruptedException e) {
        boolean lost = Thread.interrupted() || e instanceof InterruptedException || session == null
            || !session.getSessionState().isBound();
        retryOrFail(pending, lost, new SmsException(SmsException.Kind.TEMPORARY, 0,
            "bind " + name() + ": " + (lost ? "connection lost" : e.getClass().getSimpleName() + ": " + e.getMessage()),
            e));
        return;
      } catch (PDUException e) {
        failed.incrementAndGet();
        pending.fail(new SmsException(SmsException.Kind.INVALID, 0, "the SMSC cannot take this message: "
            + e.getMessage(), e));
        return;
      } finally {
        inFlight.remove(pending);
      }
    }
    pending.result.complete(pending.success());
  }

  private void onNegative(PendingSubmit pending, int status) {
    SmsException.Kind kind = CommandStatus.classify(status);
    String message = "bind %s: SMSC answered %s".formatted(name(), CommandStatus.name(status));
    switch (kind) {
      case THROTTLED -> {
        throttled.incrementAndGet();
        flow.throttled(message);
        if (running) {
          queue.add(pending);
        } else {
          pending.fail(new SmsException(SmsException.Kind.SHUTDOWN, message));
        }
      }
      case TEMPORARY -> retryOrFail(pending, false, new SmsException(kind, status, message, null));
      default -> {
        rejected.incrementAndGet();
        pending.fail(new SmsException(kind, status, message, null));
      }
    }
  }

  private void retryOrFail(PendingSubmit pending, boolean lost, SmsException cause) {
    if (!running) {
      pending.fail(new SmsException(SmsException.Kind.SHUTDOWN, 0, cause.getMessage(), cause));
      return;
    }
    if (++pending.attempts >= MAX_TEMPORARY_ATTEMPTS) {
      failed.incrementAndGet();
      pending.fail(cause);
      return;
    }
    Duration delay = lost ? Duration.ZERO : SessionLink.jitter(Duration.ofMillis(200L << pending.attempts));
    threads.execute(() -> {
      sleepQuietly(delay);
      displaced.accept(pending);
    });
  }

  private void onLost(SessionLink link, EsmeSession session) {
    inFlight.forEach((pending, flight) -> {
      if (flight.session() == session) {
        flight.worker().interrupt();
      }
    });
    if (link.role().sends() && routed) {
      List<PendingSubmit> waiting = new ArrayList<>();
      queue.drainTo(waiting);
      waiting.forEach(displaced);
    }
  }

  /**
   * Stops taking messages, lets the submits in flight finish (up to {@code grace}), unbinds, and
   * fails what is still queued or in flight as retryable {@link SmsException.Kind#SHUTDOWN} so the
   * caller keeps it.
   */
  public void stop(Duration grace) {
    running = false;
    try {
      if (!flow.drained(grace.toMillis())) {
        inFlight.values().forEach(f -> f.worker().interrupt());
        flow.drained(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    links.forEach(SessionLink::stop);
    stopped = true;
    PendingSubmit left;
    while ((left = queue.poll()) != null) {
      left.fail(new SmsException(SmsException.Kind.SHUTDOWN, "bind " + name() + " stopped"));
    }
    inbound.close();
    threads.shutdownNow();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

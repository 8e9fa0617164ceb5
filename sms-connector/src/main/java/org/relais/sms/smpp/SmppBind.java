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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jsmpp.PDUException;
import org.jsmpp.extra.NegativeResponseException;
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
 * <p>One send loop takes the messages in turn, appends the submit_sm of as many as the window and
 * the rate allow at once, and writes them out together; no thread waits for a resp: the session's
 * reader completes each part's reply ({@link SubmitReplies}) and the bind carries the message on
 * from there (its next part, its result, a retry). When the connection drops, its close fails the
 * replies still waiting, and their messages go back to the connector to be placed again.
 */
public final class SmppBind implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmppBind.class);
  private static final int MAX_TEMPORARY_ATTEMPTS = 5;
  /** The most submit_sm the send loop appends before it writes them out. */
  private static final int MAX_BATCH = 64;

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
  /** Set by a stop past its grace: the parts still to send are not sent. */
  private volatile boolean cut;

  /** A message in the window: the reply of its part in flight, once appended (a stop past its grace fails it). */
  private static final class Flight {
    volatile SubmitReplies.Reply reply;
  }

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

  /** Writes to the socket of the session that sends, so far; -1 when it is not bound. */
  long socketWrites() {
    EsmeSession session = sender.session();
    return session == null ? -1 : session.socketWrites();
  }

  /** Bytes the session that sends has appended and its socket not taken yet; -1 when it is not bound. */
  long unwritten() {
    EsmeSession session = sender.session();
    return session == null ? -1 : session.unwritten();
  }

  /** Messages waiting for or in the window: the connector sends to the least loaded bind. */
  int load() {
    return queue.size() + inFlight.size();
  }

  /**
   * Queues a message on this bind alone. The future completes with the SMSC ids once every part is
   * accepted, or fails with an {@link SmsException}: not retryable when the SMSC rejected it or it
   * cannot be encoded, retryable when the bind gave up for now or is stopping. It completes on the
   * bind's threads (the session's reader among them): what is chained on it must not block.
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

  /**
   * Takes the next message when the window has room, appends the submit_sm of its next part, then
   * that of every other message waiting that the window and the rate take at once, and sends them
   * in one write: their replies carry each message on ({@link #onReply}).
   */
  private void sendLoop() {
    List<SubmitReplies.Reply> written = new ArrayList<>(MAX_BATCH);
    while (running) {
      EsmeSession session = null;
      try {
        if (sender.session() == null) {
          TimeUnit.MILLISECONDS.sleep(20);
          continue;
        }
        PendingSubmit next = queue.poll(200, TimeUnit.MILLISECONDS);
        if (next == null || !admit(next)) {
          continue;
        }
        // The session of now: the one before the wait for the window may have closed meanwhile.
        session = sender.session();
        if (session == null) {
          // Placed again (on another bind, if one can send) before its place is given back.
          displaced.accept(next);
          flow.leave();
          continue;
        }
        do {
          start(next, session, written);
        } while (written.size() < MAX_BATCH && running && session.getSessionState().isBound()
            && (next = takeAtOnce()) != null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("bind {}: the send loop failed; going on", name(), e);
      } finally {
        if (session != null) {
          flush(session, written);
        }
        written.clear();
      }
    }
  }

  /**
   * Waits for a place in the window and a token of the rate for {@code next}; false when the bind
   * stops meanwhile, {@code next} then failed as SHUTDOWN (or queued again if it still runs).
   */
  private boolean admit(PendingSubmit next) {
    boolean entered = false;
    try {
      flow.enter();
      entered = true;
      if (running) {
        flow.pace();
        if (running) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Queued again (failed as SHUTDOWN once stopping) before its place is given back: a stop
    // waiting for the window then finds it in the queue.
    enqueue(next);
    if (entered) {
      flow.leave();
    }
    return false;
  }

  /** The next message if one waits and the window and the rate take it without waiting; else null. */
  private PendingSubmit takeAtOnce() {
    if (queue.isEmpty() || !flow.tryEnter()) {
      return null;
    }
    PendingSubmit next = queue.poll();
    if (next == null || !flow.tryPace()) {
      if (next != null) {
        enqueue(next);
      }
      flow.leave();
      return null;
    }
    return next;
  }

  /** Names the messages withdrawn by their sender; they are failed instead of submitted. */
  void withdrawnBy(java.util.function.Predicate<org.relais.sms.OutboundSms> test) {
    this.withdrawn = test;
  }

  /** Appends the next part of a message that took a place in the window, and adds its reply to {@code written}. */
  private void start(PendingSubmit pending, EsmeSession session, List<SubmitReplies.Reply> written) {
    EncodedText text;
    try {
      if (pending.smscIds.isEmpty() && withdrawn.test(pending.sms)) {
        pending.fail(new SmsException(SmsException.Kind.WITHDRAWN, "withdrawn by its sender before its submit"));
        leave(pending, null);
        return;
      }
      text = pending.textFor(this);
    } catch (SmsException e) {
      failed.incrementAndGet();
      pending.fail(e);
      leave(pending, null);
      return;
    } catch (RuntimeException e) {
      log.error("bind {}: message {} could not be prepared", name(), pending.sms.id(), e);
      retryOrFail(pending, false, new SmsException(SmsException.Kind.TEMPORARY, 0, "bind " + name() + ": " + e, e));
      leave(pending, null);
      return;
    }
    SubmitReplies.Reply reply = append(pending, text, session);
    if (reply != null) {
      written.add(reply);
    }
  }

  /**
   * Appends the submit_sm of the message's next part to the session's output; its reply carries
   * the message on. Returns null when it could not be appended: the message is then settled, or
   * queued again, without an attempt counted, when the session had closed before it was written.
   */
  private SubmitReplies.Reply append(PendingSubmit pending, EncodedText text, EsmeSession session) {
    Flight flight = new Flight();
    inFlight.put(pending, flight);
    SubmitReplies.Reply reply;
    try {
      reply = submitter.append(session, pending.sms, text, text.segments().get(pending.sentParts()));
    } catch (IOException e) {
      if (!session.getSessionState().isBound()) {
        displaced.accept(pending);
      } else {
        onFailure(pending, session, e);
      }
      leave(pending, flight);
      return null;
    } catch (PDUException | RuntimeException e) {
      failed.incrementAndGet();
      pending.fail(new SmsException(SmsException.Kind.INVALID, 0, "the SMSC cannot take this message: "
          + e.getMessage(), e));
      leave(pending, flight);
      return null;
    }
    flight.reply = reply;
    reply.whenComplete((id, error) -> onReply(pending, flight, text, session, id, error));
    return reply;
  }

  /** Sends what was appended; a failed write has closed the session, which fails their replies. */
  private void flush(EsmeSession session, List<SubmitReplies.Reply> written) {
    if (written.isEmpty()) {
      return;
    }
    try {
      session.flush(written);
    } catch (IOException e) {
      log.debug("bind {}: submit_sm not sent: {}", name(), e.getMessage());
    }
  }

  /**
   * What a part's reply does to its message, on the thread that completes it (the session's
   * reader, the deadline watcher, the thread closing the session or stopping the bind, or the one
   * that appended it when it failed at once): an accepted part sends the next, from a thread of the
   * bind (the reader must not wait on a socket write); the last completes the message; a failure
   * retries, rejects or fails it. The message leaves the window once it is settled.
   */
  private void onReply(PendingSubmit pending, Flight flight, EncodedText text, EsmeSession session, String id,
      Throwable error) {
    boolean more = false;
    try {
      if (error != null) {
        onFailure(pending, session, error);
        return;
      }
      pending.accepted(this, SmscMessageIds.canonical(id));
      submitRate.mark();
      submitted.incrementAndGet();
      flow.accepted();
      more = pending.sentParts() < text.segments().size();
      if (!more) {
        pending.result.complete(pending.success());
      }
    } catch (RuntimeException e) {
      log.error("bind {}: the answer to message {} failed", name(), pending.sms.id(), e);
      pending.fail(new SmsException(SmsException.Kind.TEMPORARY, 0, "bind " + name() + ": " + e, e));
      more = false;
    } finally {
      if (more) {
        sendNextPart(pending, flight, text);
      } else {
        leave(pending, flight);
      }
    }
  }

  /**
   * Sends the next part of a message, in its place in the window, from a thread of the bind; once a
   * stop has cut the window (past its grace), fails the message as SHUTDOWN instead.
   */
  private void sendNextPart(PendingSubmit pending, Flight flight, EncodedText text) {
    try {
      threads.execute(() -> {
        try {
          flow.pace();
        } catch (InterruptedException e) {
          cut = true;
        }
        EsmeSession session = sender.session();
        if (cut) {
          pending.fail(new SmsException(SmsException.Kind.SHUTDOWN, "bind " + name() + " stopped"));
          leave(pending, flight);
        } else if (session == null) {
          onFailure(pending, null, new IOException("not bound"));
          leave(pending, flight);
        } else {
          SubmitReplies.Reply reply = append(pending, text, session);
          if (reply != null) {
            flush(session, List.of(reply));
          }
        }
      });
    } catch (RejectedExecutionException e) {
      pending.fail(new SmsException(SmsException.Kind.SHUTDOWN, "bind " + name() + " stopped"));
      leave(pending, flight);
    }
  }

  /**
   * The message leaves the window: its place goes to the next. {@code flight} is the entry it held,
   * null when it held none yet; a message queued again may already hold a newer one, which stays.
   */
  private void leave(PendingSubmit pending, Flight flight) {
    if (flight != null) {
      inFlight.remove(pending, flight);
    }
    flow.leave();
  }

  /** A part that was not accepted: rejected, throttled, or to be sent again. */
  private void onFailure(PendingSubmit pending, EsmeSession session, Throwable cause) {
    if (cause instanceof NegativeResponseException negative) {
      onNegative(pending, negative.getCommandStatus());
      return;
    }
    boolean lost = session == null || !session.getSessionState().isBound();
    String what = cause instanceof TimeoutException ? cause.getMessage()
        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    retryOrFail(pending, lost, new SmsException(SmsException.Kind.TEMPORARY, 0,
        "bind " + name() + ": " + (lost ? "connection lost" : what), cause));
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
    try {
      threads.execute(() -> {
        sleepQuietly(delay);
        displaced.accept(pending);
      });
    } catch (RejectedExecutionException e) {
      pending.fail(new SmsException(SmsException.Kind.SHUTDOWN, 0, cause.getMessage(), cause));
    }
  }

  /** The session's close failed its replies (their messages are placed again); the queue goes to other binds. */
  private void onLost(SessionLink link, EsmeSession session) {
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
        cut = true;
        IOException stopped = new IOException("the bind stopped before the SMSC answered");
        inFlight.values().forEach(f -> {
          SubmitReplies.Reply reply = f.reply;
          if (reply != null) {
            reply.completeExceptionally(stopped);
          }
        });
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

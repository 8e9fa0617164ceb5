package org.relais.sms.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SSLSocketConnectionFactory;
import org.relais.sms.InboundPort;
import org.relais.sms.OutboundSms;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;
import org.relais.sms.encoding.Concatenation;
import org.relais.sms.encoding.EncodedText;
import org.relais.sms.encoding.Segment;
import org.relais.sms.encoding.SmsEncoder;
import org.relais.sms.receipt.SmscMessageIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ESME bind (transceiver) to one SMSC: it connects and binds, reconnects with backoff and
 * jitter, keeps a window of submits in flight, paces them at the bind's rate, serves the
 * highest priority lane first and backs off when the SMSC throttles.
 *
 * <p>jSMPP's submit is synchronous, so each message in flight is a virtual thread blocked on its
 * submit_sm_resp; the window bounds how many there are.
 */
public final class SmppBind implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmppBind.class);
  private static final int MAX_TEMPORARY_ATTEMPTS = 5;
  private static final long THROTTLE_BACKOFF_MIN_MS = 100;
  private static final long THROTTLE_BACKOFF_MAX_MS = 10_000;

  private final BindConfig config;
  private final SmsEncoder encoder;
  private final DeliverSmReceiver receiver;
  private final ExecutorService threads;
  private final PriorityBlockingQueue<PendingSubmit> queue = new PriorityBlockingQueue<>();
  private final Semaphore window;
  private final TokenBucket rate;
  private final AtomicInteger concatReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Object stateLock = new Object();

  private volatile SMPPSession session;
  private volatile BindState state = BindState.DISCONNECTED;
  private volatile CountDownLatch bound = new CountDownLatch(1);
  private volatile boolean running;
  private volatile long pausedUntilNanos;
  private volatile long throttleBackoffMs = THROTTLE_BACKOFF_MIN_MS;

  public SmppBind(BindConfig config, InboundPort inbound) {
    this.config = config;
    this.encoder = new SmsEncoder(config.concatenation(), config.maxSegments());
    this.receiver = new DeliverSmReceiver(config, inbound);
    this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smpp-" + config.name() + "-", 0).factory());
    this.window = new Semaphore(config.window());
    this.rate = new TokenBucket(config.tps());
  }

  public String name() {
    return config.name();
  }

  public BindState state() {
    return state;
  }

  /** Starts connecting; returns at once. */
  public void start() {
    running = true;
    threads.execute(this::connectLoop);
    threads.execute(this::sendLoop);
  }

  /** Waits until the bind is bound, or the timeout passes; true when bound. */
  public boolean awaitBound(Duration timeout) throws InterruptedException {
    return bound.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && state == BindState.BOUND;
  }

  /**
   * Queues a message. The future completes with the SMSC ids once every part is accepted, or fails
   * with an {@link SmsException}: not retryable when the SMSC rejected it or it cannot be encoded,
   * retryable when the bind gave up for now or is stopping (the caller keeps it queued).
   */
  public CompletableFuture<SubmitResult> submit(OutboundSms sms) {
    EncodedText text;
    try {
      text = encoder.encode(sms.text(), sms.transliterate(), concatReference.incrementAndGet());
    } catch (SmsException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (!running) {
      return CompletableFuture.failedFuture(new SmsException(SmsException.Kind.SHUTDOWN, "bind " + name() + " is stopped"));
    }
    PendingSubmit pending = new PendingSubmit(sms, text, sequence.incrementAndGet());
    queue.add(pending);
    return pending.result;
  }

  /** The number of parts a text will take on this bind. */
  public int partsFor(String text, boolean transliterate) {
    return encoder.partsFor(text, transliterate);
  }

  public BindStatus status() {
    return new BindStatus(name(), state, config.window() - window.availablePermits(), config.window(), queue.size(),
        submitted.get(), throttled.get(), failed.get(), receiver.received(), receiver.receipts());
  }

  private void connectLoop() {
    Duration delay = config.reconnectMin();
    while (running) {
      setState(BindState.CONNECTING);
      SMPPSession s = newSession();
      CountDownLatch closed = new CountDownLatch(1);
      s.addSessionStateListener((newState, oldState, source) -> {
        if (newState == SessionState.CLOSED) {
          closed.countDown();
        }
      });
      try {
        s.connectAndBind(config.host(), config.port(), bindParameter(), config.responseTimeout().toMillis());
        session = s;
        delay = config.reconnectMin();
        setState(BindState.BOUND);
        log.info("bind {} bound to {}:{} as {}", name(), config.host(), config.port(), config.systemId());
        bound.countDown();
        closed.await();
        if (running) {
          log.warn("bind {}: connection to {}:{} lost", name(), config.host(), config.port());
        }
      } catch (IOException e) {
        logBindFailure(e);
        s.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        s.unbindAndClose();
        return;
      }
      bound = new CountDownLatch(1);
      if (!running) {
        return;
      }
      setState(BindState.DISCONNECTED);
      sleepQuietly(jitter(delay));
      delay = delay.multipliedBy(2).compareTo(config.reconnectMax()) > 0 ? config.reconnectMax() : delay.multipliedBy(2);
    }
  }

  private void logBindFailure(IOException e) {
    if (e.getCause() instanceof NegativeResponseException n && n.getCommandStatus() == CommandStatus.ESME_RALYBND) {
      log.warn("bind {}: the SMSC says we are still bound (ESME_RALYBND); retrying once its old session ends", name());
    } else if (e.getCause() instanceof NegativeResponseException n) {
      log.warn("bind {}: bind refused with {}", name(), CommandStatus.name(n.getCommandStatus()));
    } else {
      log.warn("bind {}: cannot bind to {}:{}: {}", name(), config.host(), config.port(), e.getMessage());
    }
  }

  private SMPPSession newSession() {
    SMPPSession s = config.tls() ? new SMPPSession(new SSLSocketConnectionFactory()) : new SMPPSession();
    s.setTransactionTimer(config.responseTimeout().toMillis());
    s.setEnquireLinkTimer((int) config.enquireLink().toMillis());
    s.setPduProcessorDegree(Math.max(2, Math.min(16, config.window())));
    s.setQueueCapacity(Math.max(100, config.window() * 4));
    s.setMessageReceiverListener(receiver);
    return s;
  }

  private BindParameter bindParameter() {
    InterfaceVersion version = config.interfaceVersion().equals("3.3") ? InterfaceVersion.IF_33 : InterfaceVersion.IF_34;
    return new BindParameter(BindType.BIND_TRX, config.systemId(), config.password(), config.systemType(),
        TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, config.addressRange(), version);
  }

  private void sendLoop() {
    while (running) {
      try {
        if (!bound.await(200, TimeUnit.MILLISECONDS)) {
          continue;
        }
        long pause = pausedUntilNanos - System.nanoTime();
        if (pause > 0) {
          TimeUnit.NANOSECONDS.sleep(pause);
        }
        PendingSubmit next = queue.poll(200, TimeUnit.MILLISECONDS);
        if (next == null) {
          continue;
        }
        window.acquire();
        rate.acquire(next.remainingParts());
        threads.execute(() -> {
          try {
            send(next);
          } finally {
            window.release();
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void send(PendingSubmit pending) {
    SMPPSession s = session;
    List<Segment> segments = pending.text.segments();
    while (pending.smscIds.size() < segments.size()) {
      Segment segment = segments.get(pending.smscIds.size());
      try {
        String id = submitSegment(s, pending, segment);
        pending.smscIds.add(SmscMessageIds.canonical(id));
        throttleBackoffMs = THROTTLE_BACKOFF_MIN_MS;
      } catch (NegativeResponseException e) {
        onNegative(pending, e.getCommandStatus());
        return;
      } catch (ResponseTimeoutException | InvalidResponseException | IOException e) {
        retryOrFail(pending, new SmsException(SmsException.Kind.TEMPORARY, 0,
            "bind " + name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        return;
      } catch (PDUException e) {
        failed.incrementAndGet();
        pending.result.completeExceptionally(new SmsException(SmsException.Kind.INVALID, 0,
            "the SMSC cannot take this message: " + e.getMessage(), e));
        return;
      }
    }
    submitted.addAndGet(segments.size());
    pending.result.complete(new SubmitResult(pending.sms.id(), name(), pending.smscIds));
  }

  private void onNegative(PendingSubmit pending, int status) {
    SmsException.Kind kind = CommandStatus.classify(status);
    String message = "bind %s: SMSC answered %s".formatted(name(), CommandStatus.name(status));
    switch (kind) {
      case THROTTLED -> {
        throttled.incrementAndGet();
        long backoff = throttleBackoffMs;
        throttleBackoffMs = Math.min(THROTTLE_BACKOFF_MAX_MS, backoff * 2);
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
        log.debug("{}; pausing {} ms", message, backoff);
        queue.add(pending);
      }
      case TEMPORARY -> retryOrFail(pending, new SmsException(kind, status, message, null));
      default -> {
        failed.incrementAndGet();
        pending.result.completeExceptionally(new SmsException(kind, status, message, null));
      }
    }
  }

  private void retryOrFail(PendingSubmit pending, SmsException cause) {
    if (running && ++pending.attempts < MAX_TEMPORARY_ATTEMPTS) {
      threads.execute(() -> {
        sleepQuietly(jitter(Duration.ofMillis(200L << pending.attempts)));
        queue.add(pending);
      });
      return;
    }
    failed.incrementAndGet();
    pending.result.completeExceptionally(cause);
  }

  private String submitSegment(SMPPSession s, PendingSubmit pending, Segment segment)
      throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
    if (s == null || !s.getSessionState().isTransmittable()) {
      throw new IOException("not bound");
    }
    OutboundSms sms = pending.sms;
    EncodedText text = pending.text;
    Addresses.Address source = Addresses.source(sms.source() != null ? sms.source() : config.sourceAddr(),
        config.sourceTon(), config.sourceNpi());
    Addresses.Address destination = Addresses.destination(sms.destination());
    boolean udh = segment.header() != null;
    List<OptionalParameter> tlvs = new ArrayList<>(3);
    byte[] shortMessage = segment.shortMessage();
    if (text.concatenation() == Concatenation.SAR && segment.total() > 1) {
      tlvs.add(OptionalParameters.newSarMsgRefNum((short) segment.reference()));
      tlvs.add(OptionalParameters.newSarTotalSegments(segment.total()));
      tlvs.add(OptionalParameters.newSarSegmentSeqnum(segment.number()));
    } else if (text.concatenation() == Concatenation.PAYLOAD && text.isMultipart()) {
      tlvs.add(new OptionalParameter.OctetString(DeliverSmReader.TAG_MESSAGE_PAYLOAD, shortMessage));
      shortMessage = new byte[0];
    }
    return s.submitShortMessage("",
        TypeOfNumber.valueOf(source.ton()), NumberingPlanIndicator.valueOf(source.npi()), source.digits(),
        TypeOfNumber.valueOf(destination.ton()), NumberingPlanIndicator.valueOf(destination.npi()),
        destination.digits(),
        new ESMClass(udh ? 0x40 : 0), (byte) 0, (byte) 0,
        SmppTimes.absolute(sms.scheduleAt()), SmppTimes.relative(sms.validity()),
        new RegisteredDelivery(sms.registeredDelivery() ? 1 : 0), (byte) 0,
        DataCodings.newInstance((byte) text.alphabet().dataCoding()), (byte) 0, shortMessage,
        tlvs.toArray(OptionalParameter[]::new)).getMessageId();
  }

  private void setState(BindState next) {
    synchronized (stateLock) {
      if (state != BindState.STOPPED) {
        state = next;
      }
    }
  }

  /**
   * Stops taking messages, lets the submits in flight finish (up to {@code grace}), unbinds, and
   * fails what is still queued as retryable {@link SmsException.Kind#SHUTDOWN} so the caller keeps it.
   */
  public void stop(Duration grace) {
    running = false;
    try {
      if (window.tryAcquire(config.window(), grace.toMillis(), TimeUnit.MILLISECONDS)) {
        window.release(config.window());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    setState(BindState.UNBINDING);
    SMPPSession s = session;
    if (s != null) {
      s.unbindAndClose();
    }
    synchronized (stateLock) {
      state = BindState.STOPPED;
    }
    PendingSubmit left;
    while ((left = queue.poll()) != null) {
      left.result.completeExceptionally(new SmsException(SmsException.Kind.SHUTDOWN, "bind " + name() + " stopped"));
    }
    threads.shutdownNow();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  private static Duration jitter(Duration base) {
    long ms = Math.max(1, base.toMillis());
    return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A message waiting for (or between) submits; ordered by lane, then by arrival. */
  private static final class PendingSubmit implements Comparable<PendingSubmit> {
    final OutboundSms sms;
    final EncodedText text;
    final long order;
    final List<String> smscIds = new ArrayList<>(1);
    final CompletableFuture<SubmitResult> result = new CompletableFuture<>();
    int attempts;

    PendingSubmit(OutboundSms sms, EncodedText text, long order) {
      this.sms = sms;
      this.text = text;
      this.order = order;
    }

    int remainingParts() {
      return text.segments().size() - smscIds.size();
    }

    @Override
    public int compareTo(PendingSubmit other) {
      int lane = sms.priority().compareTo(other.sms.priority());
      return lane != 0 ? lane : Long.compare(order, other.order);
    }
  }
}

package org.relais.sms.smpp;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppProcessingException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An SMSC for tests, built on cloudhopper ch-smpp (not jSMPP), on loopback: it accepts binds,
 * records every submit_sm, answers with what {@link #respondWith} says (ids in hex by default),
 * at once or after a delay, sends receipts before or after the resp when asked, can refuse binds,
 * go mute or drop connections, and delivers deliver_sm to a bound receiver, returning the ESME's
 * command_status.
 */
public final class TestSmsc implements AutoCloseable {

  /** A bind request as the SMSC saw it. */
  public record BindRequest(String systemId, SmppBindType type) {}

  /** How a long text is split when the SMSC delivers it in parts. */
  public enum Parts { UDH8, UDH16, SAR }

  private final DefaultSmppServer server;
  private final int port;
  // A queue rather than a copy-on-write list: a test may send 100,000 messages through this SMSC.
  private final java.util.Queue<SubmitSm> submits = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger submitCount = new AtomicInteger();
  private final List<SmppServerSession> sessions = new CopyOnWriteArrayList<>();
  private final List<BindRequest> binds = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(0xA000);
  private final AtomicInteger unbinds = new AtomicInteger();
  private final AtomicInteger bindRefusals = new AtomicInteger();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicInteger maxOutstanding = new AtomicInteger();
  private final java.util.Set<String> issued = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
  private volatile Function<SubmitSm, SubmitSmResp> responder = this::accept;
  private volatile String password;
  private volatile int bindRefusalStatus;
  private volatile Function<SubmitSm, Duration> responseDelay = s -> Duration.ZERO;
  private volatile boolean mute;
  private volatile boolean receiptsBeforeResp;
  private volatile boolean receiptsAfterResp;

  private TestSmsc(int port, org.relais.sms.tls.SelfSignedPair tls) {
    this.port = port;
    com.cloudhopper.smpp.SmppServerConfiguration config = new com.cloudhopper.smpp.SmppServerConfiguration();
    config.setHost("127.0.0.1");
    config.setPort(port);
    config.setName("test-smsc");
    config.setSystemId("test-smsc");
    config.setMaxConnectionSize(16);
    config.setNonBlockingSocketsEnabled(true);
    config.setDefaultRequestExpiryTimeout(30_000);
    config.setDefaultWindowMonitorInterval(15_000);
    config.setDefaultWindowSize(1000);
    config.setDefaultWindowWaitTimeout(30_000);
    config.setDefaultSessionCountersEnabled(true);
    config.setJmxEnabled(false);
    if (tls != null) {
      com.cloudhopper.smpp.ssl.SslConfiguration ssl = new com.cloudhopper.smpp.ssl.SslConfiguration();
      ssl.setKeyStorePath(tls.keystore().toString());
      ssl.setKeyStoreType("PKCS12");
      ssl.setKeyStorePassword(tls.password());
      ssl.setKeyManagerPassword(tls.password());
      config.setUseSsl(true);
      config.setSslConfiguration(ssl);
    }
    server = new DefaultSmppServer(config, new Handler(), Executors.newCachedThreadPool(),
        Executors.newScheduledThreadPool(1));
  }

  /** Starts on a free loopback port. */
  public static TestSmsc start() throws Exception {
    return start(null);
  }

  /** Starts on a free loopback port, speaking SMPP over TLS only with the certificate of {@code tls}. */
  public static TestSmsc start(org.relais.sms.tls.SelfSignedPair tls) throws Exception {
    TestSmsc smsc = new TestSmsc(freePort(), tls);
    smsc.server.start();
    return smsc;
  }

  public int port() {
    return port;
  }

  /** Makes binds check this password (null: any password). */
  public void requirePassword(String password) {
    this.password = password;
  }

  /** Refuses the next {@code count} binds with {@code status} (ESME_RALYBND, say), then accepts again. */
  public void refuseBinds(int count, int status) {
    bindRefusalStatus = status;
    bindRefusals.set(count);
  }

  /** Sets how submits are answered; {@link #accept} is the default. */
  public void respondWith(Function<SubmitSm, SubmitSmResp> responder) {
    this.responder = responder;
  }

  /** Answers each submit only after {@code delay} (a slow SMSC); zero answers at once. */
  public void respondAfter(Duration delay) {
    this.responseDelay = s -> delay;
  }

  /** Answers each submit after the delay {@code delays} gives for it (a late answer to one submit, say). */
  public void respondAfter(Function<SubmitSm, Duration> delays) {
    this.responseDelay = delays;
  }

  /** A mute SMSC reads everything and answers nothing, enquire_link included (a hung peer). */
  public void mute(boolean mute) {
    this.mute = mute;
  }

  /** Delivers the DELIVRD receipt of each accepted submit before its submit_sm_resp. */
  public void receiptsBeforeResp(boolean on) {
    this.receiptsBeforeResp = on;
  }

  /** Delivers the DELIVRD receipt of each accepted submit once its submit_sm_resp is sent. */
  public void receiptsAfterResp(boolean on) {
    this.receiptsAfterResp = on;
  }

  /** Accepts a submit with a fresh id in hex. */
  public SubmitSmResp accept(SubmitSm submit) {
    SubmitSmResp resp = submit.createResponse();
    String id = Long.toHexString(ids.incrementAndGet()).toUpperCase();
    issued.add(id);
    resp.setMessageId(id);
    return resp;
  }

  /** Every message id this SMSC gave out in an accepting submit_sm_resp. */
  public java.util.Set<String> issuedIds() {
    return java.util.Set.copyOf(issued);
  }

  /** The most submits this SMSC held unanswered at once. */
  public int maxOutstanding() {
    return maxOutstanding.get();
  }

  /** Refuses a submit with {@code status}. */
  public static SubmitSmResp refuse(SubmitSm submit, int status) {
    SubmitSmResp resp = submit.createResponse();
    resp.setCommandStatus(status);
    return resp;
  }

  /** How many submits arrived. */
  public int submitCount() {
    return submitCount.get();
  }

  public List<SubmitSm> submits() {
    return List.copyOf(submits);
  }

  public List<BindRequest> bindRequests() {
    return List.copyOf(binds);
  }

  /** unbind requests received. */
  public int unbinds() {
    return unbinds.get();
  }

  public int boundSessions() {
    return (int) sessions.stream().filter(s -> s.isBound()).count();
  }

  /** Waits until {@code n} ESME sessions are bound. */
  public void awaitBound(int n, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (boundSessions() < n) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("expected " + n + " ESME sessions bound to the test SMSC, got " + boundSessions());
      }
      Thread.sleep(20);
    }
  }

  /** Waits until an ESME is bound. */
  public void awaitBound(long timeoutMs) throws InterruptedException {
    awaitBound(1, timeoutMs);
  }

  /** Waits until {@code n} submits arrived. */
  public List<SubmitSm> awaitSubmits(int n, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (submitCount.get() < n) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("expected " + n + " submits, got " + submitCount.get());
      }
      Thread.sleep(10);
    }
    return submits();
  }

  /** A message as the handset shows it: its parts joined, by destination (digits as sent). */
  public record Text(String destination, String text, int parts, byte dataCoding) {}

  /** The messages received so far, concatenated parts joined (UDH 8/16-bit and SAR), in order of completion. */
  public List<Text> texts() {
    List<Text> out = new ArrayList<>();
    Map<String, String[]> pending = new HashMap<>();
    for (SubmitSm s : submits) {
      byte[] sm = s.getShortMessage() == null ? new byte[0] : s.getShortMessage();
      int offset = 0;
      int ref = -1;
      int total = 1;
      int seq = 1;
      if ((s.getEsmClass() & 0x40) != 0 && sm.length > 0) {
        offset = (sm[0] & 0xFF) + 1;
        if (sm[1] == 0x00) {
          ref = sm[3] & 0xFF;
          total = sm[4] & 0xFF;
          seq = sm[5] & 0xFF;
        } else if (sm[1] == 0x08) {
          ref = ((sm[3] & 0xFF) << 8) | (sm[4] & 0xFF);
          total = sm[5] & 0xFF;
          seq = sm[6] & 0xFF;
        }
      } else if (s.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM) != null) {
        try {
          ref = s.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM).getValueAsUnsignedShort();
          total = s.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS).getValueAsUnsignedByte();
          seq = s.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM).getValueAsUnsignedByte();
        } catch (com.cloudhopper.smpp.tlv.TlvConvertException e) {
          throw new IllegalStateException(e);
        }
      }
      if (sm.length == 0 && s.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD) != null) {
        sm = s.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD).getValue();
      }
      String part = s.getDataCoding() == 8
          ? new String(sm, offset, sm.length - offset, StandardCharsets.UTF_16BE)
          : CharsetUtil.decode(Arrays.copyOfRange(sm, offset, sm.length), CharsetUtil.CHARSET_GSM);
      String destination = s.getDestAddress().getAddress();
      if (total <= 1) {
        out.add(new Text(destination, part, 1, s.getDataCoding()));
        continue;
      }
      String key = destination + "/" + ref;
      int count = total;
      String[] parts = pending.computeIfAbsent(key, k -> new String[count]);
      parts[seq - 1] = part;
      if (Arrays.stream(parts).allMatch(Objects::nonNull)) {
        pending.remove(key);
        out.add(new Text(destination, String.join("", parts), total, s.getDataCoding()));
      }
    }
    return out;
  }

  /** Waits until {@code n} whole messages arrived. */
  public List<Text> awaitTexts(int n, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (texts().size() < n) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("expected " + n + " messages, got " + texts().size());
      }
      Thread.sleep(10);
    }
    return texts();
  }

  /** A deliver_sm from {@code from} (international) to {@code to}; fill in the rest and send with {@link #deliver}. */
  public static DeliverSm deliverSm(String from, String to, byte dataCoding, byte[] shortMessage) throws Exception {
    DeliverSm pdu = new DeliverSm();
    pdu.setSourceAddress(new Address((byte) 1, (byte) 1, from.replace("+", "")));
    pdu.setDestAddress(new Address((byte) 0, (byte) 0, to));
    pdu.setDataCoding(dataCoding);
    pdu.setShortMessage(shortMessage);
    return pdu;
  }

  /** A text from a citizen in one deliver_sm: GSM (cloudhopper's own GSM charset) when it fits, else UCS2. */
  public static DeliverSm text(String from, String to, String text) throws Exception {
    boolean gsm = com.cloudhopper.commons.charset.GSMCharset.canRepresent(text);
    return deliverSm(from, to, (byte) (gsm ? 0 : 8), encode(text, gsm));
  }

  /**
   * A text from a citizen in parts as a handset sends it, cut at the given lengths (characters),
   * numbered with reference {@code ref} in the form asked.
   */
  public static List<DeliverSm> parts(String from, String to, String text, Parts form, int ref, int... cuts)
      throws Exception {
    boolean gsm = com.cloudhopper.commons.charset.GSMCharset.canRepresent(text);
    List<String> pieces = new ArrayList<>();
    int at = 0;
    for (int cut : cuts) {
      pieces.add(text.substring(at, at + cut));
      at += cut;
    }
    pieces.add(text.substring(at));
    List<DeliverSm> out = new ArrayList<>();
    int total = pieces.size();
    for (int i = 0; i < total; i++) {
      byte[] body = encode(pieces.get(i), gsm);
      byte[] header = switch (form) {
        case UDH8 -> new byte[] {5, 0, 3, (byte) ref, (byte) total, (byte) (i + 1)};
        case UDH16 -> new byte[] {6, 8, 4, (byte) (ref >> 8), (byte) ref, (byte) total, (byte) (i + 1)};
        case SAR -> new byte[0];
      };
      byte[] sm = new byte[header.length + body.length];
      System.arraycopy(header, 0, sm, 0, header.length);
      System.arraycopy(body, 0, sm, header.length, body.length);
      DeliverSm pdu = deliverSm(from, to, (byte) (gsm ? 0 : 8), sm);
      if (form == Parts.SAR) {
        pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, new byte[] {(byte) (ref >> 8), (byte) ref}));
        pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[] {(byte) total}));
        pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[] {(byte) (i + 1)}));
      } else {
        pdu.setEsmClass((byte) 0x40);
      }
      out.add(pdu);
    }
    return out;
  }

  private static byte[] encode(String text, boolean gsm) {
    return gsm ? CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM) : text.getBytes(StandardCharsets.UTF_16BE);
  }

  /** A delivery receipt in the text form for {@code smscId}, with {@code stat} (DELIVRD, UNDELIV...). */
  public static DeliverSm receipt(String smscId, String stat) throws Exception {
    DeliverSm pdu = deliverSm("+21620123456", "1234", (byte) 0,
        ("id:" + smscId + " sub:001 dlvrd:001 submit date:2611231015 done date:2611231016 stat:" + stat
            + " err:000 text:").getBytes(StandardCharsets.ISO_8859_1));
    pdu.setEsmClass((byte) 0x04);
    return pdu;
  }

  /**
   * Sends a deliver_sm (or a data_sm) to the first bound receiver and returns the command_status of
   * its resp. A session just bound may not count as bound here yet (the SMSC marks it so after its
   * bind_resp left, which the ESME may already have read): it is waited for, within the timeout.
   */
  @SuppressWarnings("rawtypes")
  public int deliver(PduRequest pdu, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    while (true) {
      java.util.Optional<SmppServerSession> session = sessions.stream()
          .filter(s -> s.isBound() && s.getBindType() != SmppBindType.TRANSMITTER).findFirst();
      if (session.isPresent()) {
        return deliver(session.get(), pdu, Math.max(1, end - System.currentTimeMillis()));
      }
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("no ESME bound as receiver");
      }
      Thread.sleep(10);
    }
  }

  @SuppressWarnings("rawtypes")
  private static int deliver(SmppServerSession session, PduRequest pdu, long timeoutMs) throws Exception {
    @SuppressWarnings("rawtypes")
    WindowFuture<Integer, PduRequest, PduResponse> future = session.sendRequestPdu(pdu, timeoutMs, true);
    if (!future.await(timeoutMs) || !future.isSuccess()) {
      throw new IOException("no deliver_sm_resp within " + timeoutMs + " ms: " + future.getCause());
    }
    return future.getResponse().getCommandStatus();
  }

  /** Closes every ESME connection without unbinding, as a network failure would. */
  public void dropConnections() {
    sessions.forEach(SmppServerSession::close);
    sessions.clear();
  }

  @Override
  public void close() {
    async.shutdownNow();
    server.destroy();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @SuppressWarnings("rawtypes")
  private PduResponse onRequest(SmppServerSession session, PduRequest request) {
    if (mute) {
      return null;
    }
    if (request instanceof Unbind) {
      unbinds.incrementAndGet();
    }
    if (!(request instanceof SubmitSm submit)) {
      return request.createResponse();
    }
    submits.add(submit);
    submitCount.incrementAndGet();
    int now = outstanding.incrementAndGet();
    maxOutstanding.accumulateAndGet(now, Math::max);
    SubmitSmResp resp = responder.apply(submit);
    boolean accepted = resp.getCommandStatus() == 0 && resp.getMessageId() != null;
    Duration delay = responseDelay.apply(submit);
    if (delay.isZero() && !(receiptsBeforeResp && accepted)) {
      if (receiptsAfterResp && accepted) {
        async.execute(() -> receiptLater(session, resp.getMessageId(), Duration.ofMillis(5)));
      }
      outstanding.decrementAndGet();
      return resp;
    }
    async.execute(() -> {
      try {
        if (receiptsBeforeResp && accepted) {
          deliver(session, receipt(resp.getMessageId(), "DELIVRD"), 10_000);
        }
        TimeUnit.MILLISECONDS.sleep(delay.toMillis());
        outstanding.decrementAndGet();
        if (!mute) {
          session.sendResponsePdu(resp);
          if (receiptsAfterResp && accepted) {
            deliver(session, receipt(resp.getMessageId(), "DELIVRD"), 10_000);
          }
        }
      } catch (Exception e) {
        // the ESME went away: as an SMSC would, drop the answer
      }
    });
    return null;
  }

  private void receiptLater(SmppServerSession session, String id, Duration after) {
    try {
      TimeUnit.MILLISECONDS.sleep(after.toMillis());
      deliver(session, receipt(id, "DELIVRD"), 10_000);
    } catch (Exception e) {
      // the ESME went away
    }
  }

  private final class Handler implements SmppServerHandler {
    @Override
    public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bind)
        throws SmppProcessingException {
      binds.add(new BindRequest(bind.getSystemId(), config.getType()));
      if (bindRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new SmppProcessingException(bindRefusalStatus);
      }
      if (password != null && !password.equals(bind.getPassword())) {
        throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD);
      }
    }

    @Override
    public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp resp) {
      sessions.add(session);
      session.serverReady(new DefaultSmppSessionHandler() {
        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
          return onRequest(session, request);
        }
      });
    }

    @Override
    public void sessionDestroyed(Long sessionId, SmppServerSession session) {
      sessions.remove(session);
      session.destroy();
    }
  }

  /** Waits a little; for tests that must let a timer pass. */
  public static void pause(long ms) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(ms);
  }
}

package org.relais.sms.smpp;

import com.cloudhopper.commons.util.windowing.WindowFuture;
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
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppProcessingException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An SMSC for tests, built on cloudhopper ch-smpp (not jSMPP), on loopback: it accepts binds,
 * records every submit_sm, answers with what {@link #respondWith} says (ids in hex by default),
 * and delivers deliver_sm to the bound ESME, returning the ESME's command_status.
 */
public final class TestSmsc implements AutoCloseable {

  private final DefaultSmppServer server;
  private final int port;
  private final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
  private final List<SmppServerSession> sessions = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(0xA000);
  private volatile Function<SubmitSm, SubmitSmResp> responder = this::accept;
  private volatile String password;

  private TestSmsc(int port) {
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
    server = new DefaultSmppServer(config, new Handler(), Executors.newCachedThreadPool(),
        Executors.newScheduledThreadPool(1));
  }

  /** Starts on a free loopback port. */
  public static TestSmsc start() throws Exception {
    TestSmsc smsc = new TestSmsc(freePort());
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

  /** Sets how submits are answered; {@link #accept} is the default. */
  public void respondWith(Function<SubmitSm, SubmitSmResp> responder) {
    this.responder = responder;
  }

  /** Accepts a submit with a fresh id in hex. */
  public SubmitSmResp accept(SubmitSm submit) {
    SubmitSmResp resp = submit.createResponse();
    resp.setMessageId(Long.toHexString(ids.incrementAndGet()).toUpperCase());
    return resp;
  }

  /** Refuses a submit with {@code status}. */
  public static SubmitSmResp refuse(SubmitSm submit, int status) {
    SubmitSmResp resp = submit.createResponse();
    resp.setCommandStatus(status);
    return resp;
  }

  public List<SubmitSm> submits() {
    return List.copyOf(submits);
  }

  public int boundSessions() {
    return (int) sessions.stream().filter(s -> s.isBound()).count();
  }

  /** Waits until an ESME is bound. */
  public void awaitBound(long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (boundSessions() == 0) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("no ESME bound to the test SMSC within " + timeoutMs + " ms");
      }
      Thread.sleep(20);
    }
  }

  /** Waits until {@code n} submits arrived. */
  public List<SubmitSm> awaitSubmits(int n, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (submits.size() < n) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("expected " + n + " submits, got " + submits.size());
      }
      Thread.sleep(10);
    }
    return submits();
  }

  /** A message as the handset shows it: its parts joined, by destination (digits as sent). */
  public record Text(String destination, String text, int parts, byte dataCoding) {}

  /** The messages received so far, concatenated parts joined (UDH 8/16-bit and SAR), in order of completion. */
  public List<Text> texts() {
    List<Text> out = new java.util.ArrayList<>();
    java.util.Map<String, String[]> pending = new java.util.HashMap<>();
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
      } else if (s.getOptionalParameter(com.cloudhopper.smpp.SmppConstants.TAG_SAR_MSG_REF_NUM) != null) {
        try {
          ref = s.getOptionalParameter(com.cloudhopper.smpp.SmppConstants.TAG_SAR_MSG_REF_NUM).getValueAsUnsignedShort();
          total = s.getOptionalParameter(com.cloudhopper.smpp.SmppConstants.TAG_SAR_TOTAL_SEGMENTS).getValueAsUnsignedByte();
          seq = s.getOptionalParameter(com.cloudhopper.smpp.SmppConstants.TAG_SAR_SEGMENT_SEQNUM).getValueAsUnsignedByte();
        } catch (com.cloudhopper.smpp.tlv.TlvConvertException e) {
          throw new IllegalStateException(e);
        }
      }
      if (sm.length == 0 && s.getOptionalParameter(com.cloudhopper.smpp.SmppConstants.TAG_MESSAGE_PAYLOAD) != null) {
        sm = s.getOptionalParameter(com.cloudhopper.smpp.SmppConstants.TAG_MESSAGE_PAYLOAD).getValue();
      }
      String part = s.getDataCoding() == 8
          ? new String(sm, offset, sm.length - offset, java.nio.charset.StandardCharsets.UTF_16BE)
          : org.relais.sms.encoding.Gsm7.decode(sm, offset, sm.length - offset);
      String destination = s.getDestAddress().getAddress();
      if (total <= 1) {
        out.add(new Text(destination, part, 1, s.getDataCoding()));
        continue;
      }
      String key = destination + "/" + ref;
      String[] parts = pending.computeIfAbsent(key, k -> new String[0]);
      if (parts.length == 0) {
        parts = new String[total];
        pending.put(key, parts);
      }
      parts[seq - 1] = part;
      if (java.util.Arrays.stream(parts).allMatch(java.util.Objects::nonNull)) {
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

  /** Sends a deliver_sm to the first bound ESME and returns the command_status of its deliver_sm_resp. */
  public int deliver(DeliverSm pdu, long timeoutMs) throws Exception {
    SmppServerSession session = sessions.stream().filter(s -> s.isBound()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no ESME bound"));
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
    server.destroy();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private final class Handler implements SmppServerHandler {
    @Override
    public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bind)
        throws SmppProcessingException {
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
          if (request instanceof SubmitSm submit) {
            submits.add(submit);
            return responder.apply(submit);
          }
          return request.createResponse();
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

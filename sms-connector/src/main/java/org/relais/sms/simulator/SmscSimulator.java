package org.relais.sms.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.relais.sms.encoding.Alphabet;
import org.relais.sms.encoding.Gsm7;
import org.relais.sms.encoding.SmsEncoder;
import org.relais.sms.encoding.Concatenation;
import org.relais.sms.encoding.EncodedText;
import org.relais.sms.encoding.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A small SMSC on jSMPP for the demo and the benchmarks; it listens on loopback only. */
public final class SmscSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
  private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

  /** A message an ESME submitted, reassembled when it came in parts. */
  public record Submitted(String messageId, String source, String destination, String text, int parts, Instant at) {}

  private final int requestedPort;
  private final Duration receiptDelay;
  private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smsc-sim-", 0).factory());
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final List<Consumer<Submitted>> listeners = new CopyOnWriteArrayList<>();
  private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
  private final Map<String, Assembly> assemblies = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(0x10000);
  private final AtomicLong submitCount = new AtomicLong();
  private final boolean keepHistory;
  private volatile SMPPServerSessionListener listener;
  private volatile ServerSocket socket;
  private volatile boolean running;

  /**
   * @param port the port to listen on, 0 for any free one
   * @param receiptDelay how long after a submit the receipt goes out
   * @param keepHistory whether to keep every submitted message (off for benchmarks)
   */
  public SmscSimulator(int port, Duration receiptDelay, boolean keepHistory) {
    this.requestedPort = port;
    this.receiptDelay = receiptDelay;
    this.keepHistory = keepHistory;
  }

  public SmscSimulator start() throws IOException {
    listener = new SMPPServerSessionListener(requestedPort, 1000, 64, new LoopbackServerConnectionFactory());
    listener.setPduProcessorDegree(8);
    listener.setQueueCapacity(10_000);
    SubmitHandler handler = new SubmitHandler(this);
    listener.setMessageReceiverListener(handler);
    listener.setResponseDeliveryListener(handler);
    running = true;
    threads.execute(this::acceptLoop);
    log.info("SMSC simulator listening on 127.0.0.1:{}", port());
    return this;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Every message submitted so far (when history is kept). */
  public List<Submitted> submitted() {
    return List.copyOf(submitted);
  }

  /** The number of submit_sm received. */
  public long submitCount() {
    return submitCount.get();
  }

  /** Calls {@code listener} with every message once all its parts arrived; run the result to stop. */
  public Runnable onSubmitted(Consumer<Submitted> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public int boundSessions() {
    return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
  }

  /**
   * Delivers a text from a citizen to the first bound ESME, in GSM or UCS2 and in UDH-concatenated
   * parts when long. Blocks until the ESME answered every part; throws when it refused one.
   */
  public void deliver(String from, String to, String text) throws Exception {
    SMPPServerSession session = receivingSession(5000);
    EncodedText encoded = new SmsEncoder(Concatenation.UDH8, 255).encode(text, false, (int) (ids.get() & 0xFF));
    for (Segment segment : encoded.segments()) {
      session.deliverShortMessage("",
          from.startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN,
          from.startsWith("+") ? from.substring(1) : from,
          TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, to,
          new ESMClass(segment.header() != null ? 0x40 : 0), (byte) 0, (byte) 0,
          new RegisteredDelivery(0), DataCodings.newInstance((byte) encoded.alphabet().dataCoding()),
          segment.shortMessage());
    }
  }

  /** The first session that can receive, waiting up to {@code ms} for one to bind. */
  private SMPPServerSession receivingSession(long ms) throws IOException, InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (true) {
      for (SMPPServerSession s : sessions) {
        if (s.getSessionState().isReceivable()) {
          return s;
        }
      }
      if (System.currentTimeMillis() > end) {
        throw new IOException("no ESME is bound to the SMSC simulator");
      }
      Thread.sleep(20);
    }
  }

  private void acceptLoop() {
    while (running) {
      try {
        SMPPServerSession session = listener.accept();
        threads.execute(() -> bind(session));
      } catch (SocketTimeoutException e) {
        // loop to check running
      } catch (IOException e) {
        if (running) {
          log.warn("SMSC simulator: accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void bind(SMPPServerSession session) {
    try {
      BindRequest request = session.waitForBind(5000);
      sessions.add(session);
      session.addSessionStateListener((newState, oldState, source) -> {
        if (!newState.isNotClosed()) {
          sessions.remove(session);
        }
      });
      request.accept("relais-sim", InterfaceVersion.IF_34);
      log.info("SMSC simulator: {} bound ({})", request.getSystemId(), request.getBindType());
    } catch (Exception e) {
      log.warn("SMSC simulator: bind failed: {}", e.toString());
      session.close();
    }
  }

  SubmitSmResult accept(SubmitSm submit) throws ProcessRequestException {
    submitCount.incrementAndGet();
    String id = Long.toHexString(ids.incrementAndGet()).toUpperCase();
    if (keepHistory || !listeners.isEmpty()) {
      collect(submit, id, Part.of(submit));
    }
    try {
      return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
    } catch (org.jsmpp.PDUStringException e) {
      throw new ProcessRequestException("bad id", 0x08);
    }
  }

  private void collect(SubmitSm submit, String id, Part part) {
    String key = submit.getDestAddress() + "/" + part.reference;
    Assembly assembly = part.total <= 1 ? new Assembly(1) : assemblies.computeIfAbsent(key, k -> new Assembly(part.total));
    String full;
    synchronized (assembly) {
      assembly.parts[Math.max(0, Math.min(part.total, part.number) - 1)] = part.text;
      assembly.count++;
      if (assembly.count < assembly.parts.length) {
        return;
      }
      full = String.join("", assembly.parts);
    }
    assemblies.remove(key);
    Submitted message = new Submitted(id, submit.getSourceAddr(),
        submit.getDestAddrTon() == 1 ? "+" + submit.getDestAddress() : submit.getDestAddress(), full, part.total,
        Instant.now());
    if (keepHistory) {
      submitted.add(message);
    }
    listeners.forEach(l -> l.accept(message));
  }

  void sendReceipt(SMPPServerSession session, String messageId, boolean wanted) {
    if (!wanted) {
      return;
    }
    threads.execute(() -> {
      try {
        if (!receiptDelay.isZero()) {
          TimeUnit.MILLISECONDS.sleep(receiptDelay.toMillis());
        }
        String now = RECEIPT_DATE.format(Instant.now());
        byte[] text = "id:%s sub:001 dlvrd:001 submit date:%s done date:%s stat:DELIVRD err:000 text:"
            .formatted(messageId, now, now).getBytes(StandardCharsets.ISO_8859_1);
        // As an SMSC does, deliver again while the ESME answers with an error or not at all.
        for (int attempt = 0; attempt < 10 && running && session.getSessionState().isBound(); attempt++) {
          try {
            session.deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "", new ESMClass(0x04), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), DataCodings.ZERO, text);
            return;
          } catch (Exception e) {
            log.debug("SMSC simulator: receipt for {} not delivered ({}); again", messageId, e.toString());
            TimeUnit.MILLISECONDS.sleep(100L << Math.min(attempt, 5));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Override
  public void close() {
    running = false;
    sessions.forEach(SMPPServerSession::unbindAndClose);
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      log.debug("SMSC simulator: close: {}", e.toString());
    }
    threads.shutdownNow();
  }

  /** One submit_sm, decoded, with its place in a concatenated message. */
  private record Part(String text, int reference, int number, int total) {
    static Part of(SubmitSm submit) {
      byte[] data = submit.getShortMessage();
      if ((data == null || data.length == 0)) {
        OptionalParameter payload = submit.getOptionalParameter((short) 0x0424);
        data = payload instanceof OptionalParameter.OctetString o ? o.getValue() : new byte[0];
      }
      Alphabet alphabet = Alphabet.of(submit.getDataCoding(), Alphabet.GSM7);
      int offset = 0;
      int reference = 0;
      int number = 1;
      int total = 1;
      if ((submit.getEsmClass() & 0x40) != 0 && data.length > 0) {
        int udhl = data[0] & 0xFF;
        offset = Math.min(data.length, udhl + 1);
        for (int i = 1; i + 1 < offset; ) {
          int iei = data[i] & 0xFF;
          int len = data[i + 1] & 0xFF;
          if (iei == 0x00 && len == 3 && i + 4 < offset) {
            reference = data[i + 2] & 0xFF;
            total = data[i + 3] & 0xFF;
            number = data[i + 4] & 0xFF;
          } else if (iei == 0x08 && len == 4 && i + 5 < offset) {
            reference = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            total = data[i + 4] & 0xFF;
            number = data[i + 5] & 0xFF;
          }
          i += 2 + len;
        }
      } else if (submit.getOptionalParameter((short) 0x020C) instanceof OptionalParameter.Short ref) {
        reference = ref.getValue() & 0xFFFF;
        total = submit.getOptionalParameter((short) 0x020E) instanceof OptionalParameter.Byte t ? t.getValue() & 0xFF : 1;
        number = submit.getOptionalParameter((short) 0x020F) instanceof OptionalParameter.Byte n ? n.getValue() & 0xFF : 1;
      }
      String text = alphabet == Alphabet.GSM7
          ? Gsm7.decode(data, offset, data.length - offset)
          : alphabet.decode(data, offset, data.length - offset);
      return new Part(text, reference, number, total);
    }
  }

  /** The parts of one concatenated message received so far. */
  private static final class Assembly {
    final String[] parts;
    int count;

    Assembly(int total) {
      this.parts = new String[Math.max(1, total)];
    }
  }

  /** Listens on 127.0.0.1 only, and remembers the socket so the port chosen for 0 can be read. */
  private final class LoopbackServerConnectionFactory implements ServerConnectionFactory {
    @Override
    public ServerConnection listen(int port) throws IOException {
      return listen(port, 0, 64);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
      return listen(port, timeout, 64);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
      ServerSocket ss = new ServerSocket(port, backlog, InetAddress.getLoopbackAddress());
      ss.setSoTimeout(timeout);
      socket = ss;
      return new ServerSocketConnection(ss);
    }
  }
}

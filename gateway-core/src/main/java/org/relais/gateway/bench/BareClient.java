package org.relais.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.relais.sms.encoding.Concatenation;
import org.relais.sms.encoding.EncodedText;
import org.relais.sms.encoding.Segment;
import org.relais.sms.encoding.SmsEncoder;

/**
 * The ceiling: the same messages through a bare jSMPP client with the same window, nothing stored
 * (a virtual thread per message in flight, as the bind does), its receipts matched in memory.
 */
final class BareClient {

  /**
   * When the last submit was accepted and when the last receipt came, from the first submit (ns);
   * {@code cpu} by thread group ({@link CpuUse}), counted until the last receipt.
   */
  record Result(long submittedNanos, long receiptsNanos, long parts, Map<String, Long> cpu) {}

  private static final String RECEIPT = "";

  private BareClient() {}

  /** Messages encoded ahead of a run, with their destinations (without the '+'). */
  record Messages(List<EncodedText> encoded, List<String> destinations, long parts) {
    int size() {
      return encoded.size();
    }
  }

  /** Encodes {@code texts} as the gateway's default bind does (UDH 8-bit concatenation). */
  static Messages prepare(List<String> texts, List<String> destinations) {
    SmsEncoder encoder = new SmsEncoder(Concatenation.UDH8, 10);
    List<EncodedText> encoded = new ArrayList<>(texts.size());
    List<String> to = new ArrayList<>(texts.size());
    long parts = 0;
    for (int i = 0; i < texts.size(); i++) {
      EncodedText t = encoder.encode(texts.get(i), false, i);
      encoded.add(t);
      to.add(destinations.get(i).substring(1));
      parts += t.segments().size();
    }
    return new Messages(encoded, to, parts);
  }

  static Result run(int port, int window, Messages messages) throws Exception {
    Map<String, Integer> partsLeft = new ConcurrentHashMap<>();
    Map<String, String> messageOf = new ConcurrentHashMap<>();
    AtomicLong lastReceipt = new AtomicLong();
    CountDownLatch allReceipts = new CountDownLatch(messages.size());
    Consumer<String> receipted = message -> {
      if (partsLeft.merge(message, -1, Integer::sum) == 0) {
        partsLeft.remove(message);
        lastReceipt.accumulateAndGet(System.nanoTime(), Math::max);
        allReceipts.countDown();
      }
    };
    SMPPSession session = new SMPPSession();
    session.setPduProcessorDegree(Math.max(2, Math.min(8, window / 16)));
    // Large enough that jSMPP never answers ESME_RTHROTTLED to a receipt under a burst.
    session.setQueueCapacity(Math.max(100_000, window * 16));
    session.setTransactionTimer(10_000);
    session.setMessageReceiverListener(new MessageReceiverListener() {
      @Override
      public void onAcceptDeliverSm(DeliverSm deliverSm) {
        String text = new String(deliverSm.getShortMessage(), StandardCharsets.ISO_8859_1);
        int start = text.indexOf("id:") + 3;
        String id = text.substring(start, text.indexOf(' ', start));
        // The receipt may come before the submitting thread has noted the id: whichever comes
        // second finds the other's mark and counts the part.
        String message = messageOf.putIfAbsent(id, RECEIPT);
        if (message != null) {
          messageOf.remove(id);
          receipted.accept(message);
        }
      }

      @Override
      public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification alertNotification) {}

      @Override
      public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm,
          org.jsmpp.session.Session source) {
        return null;
      }
    });
    session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "bare", "bare", "",
        TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, ""), 10_000);
    try {
      return send(session, window, messages, partsLeft, messageOf, receipted, allReceipts, lastReceipt);
    } finally {
      session.unbindAndClose();
    }
  }

  /** Submits every message, at most {@code window} at a time, and waits for all their receipts. */
  private static Result send(SMPPSession session, int window, Messages messages, Map<String, Integer> partsLeft,
      Map<String, String> messageOf, Consumer<String> receipted, CountDownLatch allReceipts,
      AtomicLong lastReceipt) throws Exception {
    List<EncodedText> encoded = messages.encoded();
    Semaphore permits = new Semaphore(window);
    AtomicLong lastSubmit = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CpuUse cpu = CpuUse.start(CpuUse.bare());
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < messages.size() && failure.get() == null; i++) {
        permits.acquire();
        String messageId = "m" + i;
        EncodedText text = encoded.get(i);
        String destination = messages.destinations().get(i);
        partsLeft.put(messageId, text.segments().size());
        threads.execute(() -> {
          try {
            for (Segment segment : text.segments()) {
              String id = session.submitShortMessage("", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN,
                  "1234", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                  new ESMClass(segment.header() != null ? 0x40 : 0), (byte) 0, (byte) 0, null, null,
                  new RegisteredDelivery(1), (byte) 0, DataCodings.newInstance((byte) text.alphabet().dataCoding()),
                  (byte) 0, segment.shortMessage()).getMessageId();
              if (messageOf.putIfAbsent(id, messageId) != null) {
                messageOf.remove(id);
                receipted.accept(messageId);
              }
            }
            lastSubmit.accumulateAndGet(System.nanoTime(), Math::max);
          } catch (Exception e) {
            failure.compareAndSet(null, e);
          } finally {
            permits.release();
          }
        });
      }
      // Closing the executor waits for every submit (each bounded by the transaction timer).
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the bare client could not submit: " + failure.get(), failure.get());
    }
    if (!allReceipts.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("receipts missing for " + allReceipts.getCount() + " messages");
    }
    // Before the session's threads end, so that they count as theirs.
    return new Result(lastSubmit.get() - start, lastReceipt.get() - start, messages.parts(), cpu.since());
  }
}

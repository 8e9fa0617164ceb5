package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundPort;
import org.relais.sms.InboundSms;
import org.relais.sms.receipt.DeliveryReceipt;

/**
 * An SMSC that keeps sending deliver_sm while it reads nothing of what the ESME sends, with a
 * small receive buffer: the answers pile up in the ESME's output, and the session's reader must
 * keep reading all the same. Were it to write an answer itself, it would wait on a socket the SMSC
 * does not drain, stop reading, and the SMSC, its own writes then stuck, would never read again:
 * both ends stalled until the dead-peer check dropped the connection. And a session does not
 * hold answers for ever for a peer that never reads: past 8 MB it gives the connection up. Nor
 * does it wait on such a peer to close the session after a PDU it cannot frame.
 */
@Timeout(120)
class StalledSmscTest {

  /** Texts sent once answers are seen waiting behind a write: the reader must read these on. */
  private static final int AFTER_THE_STALL = 50_000;
  /**
   * At most this many texts in all. Each answer is 17 bytes: 6.8 MB in all, more than the socket
   * buffers of the two ends hold on a usual host (the ESME's grows to 4 MB at most here,
   * net.ipv4.tcp_wmem), and less than the 8 MB a session lets wait before it gives the connection
   * up. A host whose buffers hold more fails the test's precondition, saying so.
   */
  private static final int MAX_TEXTS = 400_000;
  private static final int BURST = 500;
  /** Answers waiting behind a write, beyond what one write in progress carries: the socket takes none. */
  private static final long PILED_UP = 256 * 1024;
  private static final int RECEIVE_BUFFER = 4096;
  private static final byte[] TEXT = "PLAINTE fuite".getBytes(StandardCharsets.ISO_8859_1);

  private RawSmsc smsc;
  private SmppBind bind;
  private final AtomicInteger committed = new AtomicInteger();

  /** Commits at once, on the thread that hands the text over: the reader, here. */
  private final InboundPort port = new InboundPort() {
    @Override
    public CompletionStage<Void> accept(InboundSms sms) {
      committed.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> acceptPart(InboundPart part) {
      return accept(null);
    }

    @Override
    public CompletionStage<Void> receipt(String scope, String bindName, DeliveryReceipt receipt) {
      return accept(null);
    }
  };

  @BeforeEach
  void start() throws Exception {
    smsc = RawSmsc.withReceiveBuffer(RECEIVE_BUFFER);
    bind = new SmppBind(BindConfig.builder("raw", "127.0.0.1", smsc.port(), "relais")
        .reconnect(Duration.ofMillis(50), Duration.ofMillis(200)).responseTimeout(Duration.ofSeconds(20)).build(),
        port);
    bind.start();
    smsc.awaitBinds(1, 10_000);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    smsc.resumeReading();
    bind.stop(Duration.ZERO);
    smsc.close();
  }

  @Test
  void shouldReadOnWhileTheSmscReadsNothingAndAnswerEveryTextOnceItReadsAgain() throws Exception {
    // The SMSC's reader, blocked in a read, takes one PDU more and then reads nothing.
    smsc.pauseReading();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger sentAtStall = new AtomicInteger(-1);
    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
      try {
        while (sent.get() < MAX_TEXTS
            && (sentAtStall.get() < 0 || sent.get() < sentAtStall.get() + AFTER_THE_STALL)) {
          smsc.send(burst(sent.get() + 1));
          sent.addAndGet(BURST);
          if (sentAtStall.get() < 0 && bind.unwritten() > PILED_UP) {
            sentAtStall.set(sent.get());
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, command -> Thread.ofVirtual().name("stalled-smsc-send").start(command));

    // Were the reader stuck, the SMSC could not send the rest: its own writes would wait too.
    waitUpTo(30_000, sending::isDone);
    assertThat(sending).as("the SMSC sent every text (%d sent)", sent.get()).isCompleted();
    int texts = sent.get();
    waitUpTo(30_000, () -> committed.get() >= texts);
    assertThat(committed.get()).as("texts read and committed while the SMSC reads nothing").isEqualTo(texts);
    // What makes this a test of the reader: answers piled up behind a write the socket did not take.
    assertThat(sentAtStall.get()).as("answers piled up behind a write within %d texts", MAX_TEXTS).isPositive();
    assertThat(bind.unwritten()).as("answers the socket has not taken").isGreaterThan(PILED_UP);

    smsc.resumeReading();
    waitUpTo(30_000, () -> smsc.count(SMPPConstant.CID_DELIVER_SM_RESP) >= texts);
    assertThat(smsc.count(SMPPConstant.CID_DELIVER_SM_RESP)).as("answers the SMSC read").isEqualTo(texts);
    assertThat(bind.status().state()).isEqualTo(BindState.BOUND);
    assertThat(smsc.binds()).as("binds: the connection was never dropped").isEqualTo(1);
  }

  /**
   * The SMSC never reads: once 8 MB of answers wait behind a write it does not take, the session
   * gives the connection up (the texts it committed stay committed; those it left unanswered the
   * SMSC delivers again) and binds again, and the new session works.
   */
  @Test
  void shouldGiveTheConnectionUpOnceTooMuchWaitsAndBindAgain() throws Exception {
    smsc.pauseReading();
    int sent = 0;
    // 17 bytes an answer: the 8 MB are reached after about half a million texts and what the
    // sockets hold; the bound only ends a test that would otherwise send for ever.
    try {
      while (sent < 2_000_000) {
        smsc.send(burst(sent + 1));
        sent += BURST;
      }
    } catch (java.io.IOException e) {
      // The ESME closed the connection: what the SMSC writes now fails.
    }
    assertThat(sent).as("texts sent before the connection was given up").isLessThan(2_000_000)
        .isGreaterThan((int) (CoalescingOutputStream.MAX_WAITING / 17));
    assertThat(committed.get()).as("texts committed before it was given up").isGreaterThan(0).isLessThanOrEqualTo(sent);

    assertANewSessionOnceTheSmscReads(sent + 1);
  }

  /**
   * The SMSC reads nothing, answers pile up behind a write, and then it sends a PDU that cannot be
   * framed: jSMPP answers generic_nack and the session unbinds, both appended behind the rest. The
   * reader, which never waits on the socket, closes the session a second later, and the bind binds
   * again, where it would have waited for the dead-peer check (100 s here) to drop the connection.
   */
  @Test
  void shouldCloseSoonAfterAPduItCannotFrameWhileTheSmscReadsNothing() throws Exception {
    smsc.pauseReading();
    int sent = 0;
    while (sent < MAX_TEXTS && bind.unwritten() <= PILED_UP) {
      smsc.send(burst(sent + 1));
      sent += BURST;
    }
    assertThat(bind.unwritten()).as("answers piled up behind a write within %d texts", MAX_TEXTS)
        .isGreaterThan(PILED_UP);
    byte[] unframeable = RawPdus.pdu(RawPdus.DELIVER_SM, 0, sent + 1, new byte[8]);
    java.nio.ByteBuffer.wrap(unframeable).putInt(0, 0x7FFF_FFF0);
    smsc.send(unframeable);

    waitUpTo(10_000, () -> bind.status().state() != BindState.BOUND);
    assertThat(bind.status().state()).as("the session closed, long before the dead-peer check")
        .isNotEqualTo(BindState.BOUND);
    assertANewSessionOnceTheSmscReads(sent + 2);
  }

  /** The SMSC reads again: the bind binds a second time, and a text (sequence {@code seq}) on it is answered. */
  private void assertANewSessionOnceTheSmscReads(int seq) throws Exception {
    smsc.resumeReading();
    smsc.awaitBinds(2, 10_000);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
    smsc.send(RawPdus.deliverSm(seq, "21620123456", "1234", (byte) 0, TEXT));
    assertThat(smsc.response(seq, 10_000).status()).as("a text on the new session").isZero();
  }

  /** {@link #BURST} deliver_sm of a text, their sequence numbers from {@code first} on. */
  private static byte[] burst(int first) {
    ByteArrayOutputStream burst = new ByteArrayOutputStream();
    for (int i = 0; i < BURST; i++) {
      burst.writeBytes(RawPdus.deliverSm(first + i, "21620123456", "1234", (byte) 0, TEXT));
    }
    return burst.toByteArray();
  }

  /** Waits until {@code done}, at most {@code ms}; what follows asserts the outcome either way. */
  private static void waitUpTo(long ms, java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
  }
}

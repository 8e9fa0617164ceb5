package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.sms.OutboundSms;
import org.relais.sms.SubmitResult;

/**
 * Bytes no SMPP library would write, sent over a socket to a bound ESME: the bind answers what
 * SMPP 3.4 asks, stays bound or binds again, and loses nothing it accepted.
 */
@Timeout(30)
class MalformedPduTest {

  private RawSmsc smsc;
  private RecordingPort port;
  private SmppBind bind;
  private final Ledger ledger = new Ledger();
  private int bindsAtStart;

  @BeforeEach
  void start() throws Exception {
    smsc = RawSmsc.start();
    port = new RecordingPort();
    bind = new SmppBind(BindConfig.builder("raw", "127.0.0.1", smsc.port(), "relais")
        .reconnect(Duration.ofMillis(50), Duration.ofMillis(200)).responseTimeout(Duration.ofSeconds(2)).build(), port);
    bind.start();
    awaitBound();
  }

  /**
   * Waits until the bind is bound and notes the binds the SMSC counted: on a loaded host a first
   * bind may time out on the ESME's side after the SMSC counted it, and be made again.
   */
  private void awaitBound() throws Exception {
    smsc.awaitBinds(1, 10_000);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
    bindsAtStart = smsc.binds();
  }

  @AfterEach
  void stop() throws Exception {
    bind.stop(Duration.ofSeconds(1));
    smsc.close();
  }

  private byte[] text(int seq, String text) {
    return RawPdus.deliverSm(seq, "21620123456", "1234", (byte) 0, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * The bind still takes texts and sends messages: nothing it accepted is lost. Every message the
   * test handed over is accounted for once this passes.
   */
  private void assertStillWorking(int seq) throws Exception {
    smsc.send(text(seq, "PLAINTE encore"));
    assertThat(smsc.response(seq, 10_000).status()).isZero();
    assertThat(port.texts()).extracting(t -> t.text()).contains("PLAINTE encore");
    String id = "m" + seq;
    SubmitResult r = ledger.track(id, bind.submit(OutboundSms.builder(id, "+21620123456", "ok").build()))
        .get(10, TimeUnit.SECONDS);
    assertThat(r.smscMessageIds()).hasSize(1);
    assertThat(ledger.settle(null, 10_000)).containsExactly(java.util.Map.entry("submitted", 1));
  }

  /**
   * Binds again with a response timeout longer than a test waits for a submit: a resp the
   * session's reader did not take would then show as the submit's timeout, not as a retry.
   */
  private void bindWithLongResponseTimeout() throws Exception {
    bind.stop(Duration.ofSeconds(1));
    bind = new SmppBind(BindConfig.builder("raw", "127.0.0.1", smsc.port(), "relais")
        .reconnect(Duration.ofMillis(50), Duration.ofMillis(200)).responseTimeout(Duration.ofSeconds(8)).build(), port);
    bind.start();
    smsc.awaitBinds(bindsAtStart + 1, 10_000);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
  }

  /** Sends one message and waits for its outcome; returns its SMSC ids. */
  private SubmitResult submitOne(String id) throws Exception {
    SubmitResult r = ledger.track(id, bind.submit(OutboundSms.builder(id, "+21620123456", "Coupure d'eau").build()))
        .get(5, TimeUnit.SECONDS);
    assertThat(ledger.settle(null, 10_000)).containsExactly(java.util.Map.entry("submitted", 1));
    return r;
  }

  @Test
  void shouldSendAgainASubmitAnsweredWithAGenericNack() throws Exception {
    bindWithLongResponseTimeout();
    smsc.answerNextSubmit(seq -> RawPdus.pdu(RawPdus.GENERIC_NACK, CommandStatus.ESME_RSYSERR, seq, new byte[0]));
    SubmitResult r = submitOne("n1");
    assertThat(smsc.submits()).hasSize(2);
    assertThat(r.smscMessageIds()).hasSize(1);
    assertThat(smsc.binds()).as("no bind again").isEqualTo(2);
  }

  @Test
  void shouldSendAgainASubmitWhoseRespCannotBeRead() throws Exception {
    bindWithLongResponseTimeout();
    // A message_id without its terminating NUL.
    smsc.answerNextSubmit(seq -> RawPdus.pdu(0x80000004, 0, seq, "5A1".getBytes(StandardCharsets.ISO_8859_1)));
    submitOne("u1");
    assertThat(smsc.submits()).hasSize(2);
    assertThat(smsc.binds()).as("no bind again").isEqualTo(2);
  }

  @Test
  void shouldIgnoreASubmitRespForNoSubmitAndStayBound() throws Exception {
    smsc.send(RawPdus.pdu(0x80000004, 0, 999_999, new byte[] {'7', '7', 0}));
    assertStillWorking(43);
    assertThat(smsc.binds()).isEqualTo(1);
  }

  @Test
  void shouldAnswerGenericNackToAnUnknownCommandAndStayBound() throws Exception {
    smsc.send(RawPdus.pdu(0x00000777, 0, 41, new byte[] {1, 2, 3}));
    RawSmsc.Pdu nack = smsc.response(41, 10_000);
    assertThat(nack.commandId()).isEqualTo(RawPdus.GENERIC_NACK);
    assertThat(nack.status()).isEqualTo(CommandStatus.ESME_RINVCMDID);
    assertStillWorking(42);
    assertThat(smsc.binds()).isEqualTo(1);
  }

  @Test
  void shouldRefuseADeliverSmWithATruncatedTlvAndStayBound() throws Exception {
    byte[] pdu = RawPdus.deliverSm(51, "21620123456", "1234", (byte) 0, new byte[0],
        RawPdus.tlv(0x0424, "PLAINTE fuite d'eau".getBytes(StandardCharsets.ISO_8859_1)));
    smsc.send(RawPdus.withLength(Arrays.copyOf(pdu, pdu.length - 5)));
    RawSmsc.Pdu resp = smsc.response(51, 10_000);
    assertThat(resp.commandId()).isEqualTo(0x80000005);
    assertThat(resp.status()).isEqualTo(CommandStatus.ESME_RINVOPTPARSTREAM);
    assertThat(port.texts()).isEmpty();
    assertStillWorking(52);
    assertThat(bind.status().malformed()).isEqualTo(1);
  }

  @Test
  void shouldRefuseADeliverSmWhoseShortMessageOverrunsIt() throws Exception {
    byte[] pdu = text(61, "PLAINTE fuite");
    smsc.send(RawPdus.withLength(Arrays.copyOf(pdu, pdu.length - 4)));
    RawSmsc.Pdu resp = smsc.response(61, 10_000);
    assertThat(resp.status()).isEqualTo(CommandStatus.ESME_RINVMSGLEN);
    assertStillWorking(62);
  }

  @Test
  void shouldAnswerGenericNackToACommandLengthTooShortThenBindAgain() throws Exception {
    smsc.send(new byte[] {0, 0, 0, 8, 0, 0, 0, 5});
    RawSmsc.Pdu nack = smsc.await(p -> p.commandId() == RawPdus.GENERIC_NACK, 10_000);
    assertThat(nack.status()).isEqualTo(CommandStatus.ESME_RINVCMDLEN);
    // The reader hands its writes over, and lets them leave before it closes: the unbind too.
    for (long end = System.currentTimeMillis() + 10_000; smsc.unbinds() == 0 && System.currentTimeMillis() < end; ) {
      Thread.sleep(10);
    }
    assertThat(smsc.unbinds()).as("the unbind that follows the generic_nack").isEqualTo(1);
    smsc.awaitBinds(bindsAtStart + 1, 10_000);
    assertStillWorking(71);
  }

  @Test
  void shouldRefuseACommandLengthTooLongWithoutReadingItThenBindAgain() throws Exception {
    byte[] huge = RawPdus.pdu(RawPdus.DELIVER_SM, 0, 81, new byte[8]);
    java.nio.ByteBuffer.wrap(huge).putInt(0, 0x7FFF_FFF0);
    smsc.send(huge);
    RawSmsc.Pdu nack = smsc.await(p -> p.commandId() == RawPdus.GENERIC_NACK, 10_000);
    assertThat(nack.status()).isEqualTo(CommandStatus.ESME_RINVCMDLEN);
    smsc.awaitBinds(bindsAtStart + 1, 10_000);
    assertStillWorking(82);
  }

  @Test
  void shouldTakeATextSentAsDataSm() throws Exception {
    smsc.send(RawPdus.dataSm(91, "21620123456", "1234", (byte) 8,
        RawPdus.tlv(0x0424, "شكاية الماء مقطوع".getBytes(StandardCharsets.UTF_16BE))));
    RawSmsc.Pdu resp = smsc.response(91, 10_000);
    assertThat(resp.commandId()).isEqualTo(0x80000103);
    assertThat(resp.status()).isZero();
    assertThat(port.texts()).singleElement().satisfies(t -> {
      assertThat(t.text()).isEqualTo("شكاية الماء مقطوع");
      assertThat(t.source()).isEqualTo("+21620123456");
    });
  }
}

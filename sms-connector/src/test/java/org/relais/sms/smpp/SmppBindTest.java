package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.sms.OutboundSms;
import org.relais.sms.Priority;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;
import org.relais.sms.encoding.Concatenation;
import org.relais.sms.encoding.Gsm7;
import org.relais.sms.receipt.ReceiptStatus;

@Timeout(30)
class SmppBindTest {

  private TestSmsc smsc;
  private RecordingPort port;
  private SmppBind bind;
  private final Ledger ledger = new Ledger();

  @BeforeEach
  void start() throws Exception {
    smsc = TestSmsc.start();
    port = new RecordingPort();
  }

  @AfterEach
  void stop() {
    if (bind != null) {
      bind.stop(Duration.ofSeconds(2));
    }
    smsc.close();
  }

  private SmppBind bind(BindConfig config) throws InterruptedException {
    bind = new SmppBind(config, port);
    bind.start();
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
    return bind;
  }

  /** Hands a message to the bind and keeps it in the ledger. */
  private CompletableFuture<SubmitResult> submit(OutboundSms sms) {
    return ledger.track(sms.id(), bind.submit(sms));
  }

  /** Every message handed over has an outcome: {@code submitted} for all but those named otherwise. */
  private void settle(int submitted) throws InterruptedException {
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("submitted", submitted));
  }

  private BindConfig config() {
    return BindConfig.of("test", "127.0.0.1", smsc.port(), "relais", "secret").withSourceAddr("1234");
  }

  @Test
  void shouldSubmitAGsmTextAndReturnTheSmscId() throws Exception {
    bind(config());
    SubmitResult result = submit(OutboundSms.builder("m1", "+21620123456", "Bonjour à vous").build())
        .get(10, TimeUnit.SECONDS);
    SubmitSm pdu = smsc.submits().getFirst();
    assertThat(result.bind()).isEqualTo("test");
    assertThat(result.smscMessageIds()).hasSize(1).first().asString().matches("[0-9A-F]+");
    assertThat(pdu.getDestAddress().getAddress()).isEqualTo("21620123456");
    assertThat(pdu.getDestAddress().getTon()).isEqualTo((byte) 1);
    assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("1234");
    assertThat(pdu.getSourceAddress().getTon()).as("short code: network specific").isEqualTo((byte) 3);
    assertThat(pdu.getDataCoding()).isEqualTo((byte) 0);
    assertThat(Gsm7.decode(pdu.getShortMessage(), 0, pdu.getShortMessage().length)).isEqualTo("Bonjour à vous");
    assertThat(pdu.getRegisteredDelivery()).isEqualTo((byte) 1);
    settle(1);
  }

  @Test
  void shouldSubmitArabicAsUcs2InConcatenatedParts() throws Exception {
    bind(config());
    String text = "سيتم قطع الماء غدا من الساعة الثامنة إلى الثانية عشرة بسبب أشغال الصيانة في الحي. نعتذر عن الإزعاج.";
    SubmitResult result = submit(OutboundSms.builder("m2", "+21620123456", text).build()).get(10, TimeUnit.SECONDS);
    List<SubmitSm> parts = smsc.submits();
    assertThat(result.smscMessageIds()).hasSize(2);
    assertThat(parts).hasSize(2).allSatisfy(p -> {
      assertThat(p.getDataCoding()).isEqualTo((byte) 8);
      assertThat(p.getEsmClass() & 0x40).as("UDHI").isEqualTo(0x40);
    });
    StringBuilder joined = new StringBuilder();
    for (SubmitSm p : parts) {
      byte[] sm = p.getShortMessage();
      joined.append(new String(sm, 6, sm.length - 6, StandardCharsets.UTF_16BE));
    }
    assertThat(joined.toString()).isEqualTo(text);
    settle(1);
  }

  @Test
  void shouldRecordARejectionWithItsCommandStatus() throws Exception {
    smsc.respondWith(s -> TestSmsc.refuse(s, CommandStatus.ESME_RINVDSTADR));
    bind(config());
    CompletableFuture<SubmitResult> f = submit(OutboundSms.builder("m3", "+999", "x").build());
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(SmsException.class, e -> {
          assertThat(e.kind()).isEqualTo(SmsException.Kind.REJECTED);
          assertThat(e.commandStatus()).isEqualTo(CommandStatus.ESME_RINVDSTADR);
          assertThat(e.getMessage()).contains("ESME_RINVDSTADR");
        });
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("REJECTED", 1));
  }

  @Test
  void shouldWaitOutThrottlingAndSendInTheEnd() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    smsc.respondWith(s -> calls.incrementAndGet() <= 3 ? TestSmsc.refuse(s, CommandStatus.ESME_RTHROTTLED) : smsc.accept(s));
    bind(config());
    SubmitResult result = submit(OutboundSms.builder("m4", "+21620123456", "x").build()).get(20, TimeUnit.SECONDS);
    assertThat(result.smscMessageIds()).hasSize(1);
    assertThat(bind.status().throttled()).isEqualTo(3);
    settle(1);
  }

  @Test
  void shouldPauseAfterAThrottleEvenWhileMessagesWait() throws Exception {
    // The throttled message goes back to the queue with others waiting: none is sent before the
    // pause (100 ms at first) is over.
    List<Long> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    smsc.respondWith(s -> {
      received.add(System.nanoTime());
      return received.size() == 1 ? TestSmsc.refuse(s, CommandStatus.ESME_RTHROTTLED) : smsc.accept(s);
    });
    bind(config().toBuilder().window(1).build());
    for (int i = 0; i < 3; i++) {
      submit(OutboundSms.builder("w" + i, "+2162000100" + i, "Facture " + i).build());
    }
    settle(3);
    assertThat(received).hasSize(4);
    assertThat(TimeUnit.NANOSECONDS.toMillis(received.get(1) - received.get(0)))
        .as("ms from the throttled submit to the next").isGreaterThanOrEqualTo(90);
  }

  @Test
  void shouldCommitAnInboundTextBeforeAnsweringTheSmsc() throws Exception {
    bind(config());
    CompletableFuture<Void> held = new CompletableFuture<>();
    port.commitWith(() -> held);
    CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
      try {
        return smsc.deliver(TestSmsc.deliverSm("+21620123456", "1234", (byte) 0,
            Gsm7.encode("PLAINTE fuite d'eau")), 10_000);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    TestSmsc.pause(300);
    assertThat(status).as("no resp before the commit").isNotDone();
    held.complete(null);
    assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(port.texts()).singleElement().satisfies(sms -> {
      assertThat(sms.source()).isEqualTo("+21620123456");
      assertThat(sms.text()).isEqualTo("PLAINTE fuite d'eau");
    });
  }

  @Test
  void shouldAnswerATemporaryErrorWhenTheCommitFails() throws Exception {
    bind(config());
    port.commitWith(() -> CompletableFuture.failedFuture(new IllegalStateException("disk full")));
    int status = smsc.deliver(TestSmsc.deliverSm("+21620123456", "1234", (byte) 0, Gsm7.encode("PLAINTE x")), 10_000);
    assertThat(status).isEqualTo(CommandStatus.ESME_RX_T_APPN);
    assertThat(port.texts()).isEmpty();
  }

  @Test
  void shouldAnswerATemporaryErrorWhenTheCommitTakesLongerThanTheResponseTimeout() throws Exception {
    bind(config().toBuilder().responseTimeout(Duration.ofMillis(300)).build());
    CompletableFuture<Void> never = new CompletableFuture<>();
    port.commitWith(() -> never);
    int status = smsc.deliver(TestSmsc.deliverSm("+21620123456", "1234", (byte) 0, Gsm7.encode("PLAINTE x")), 10_000);
    assertThat(status).isEqualTo(CommandStatus.ESME_RX_T_APPN);
    assertThat(port.texts()).isEmpty();
  }

  @Test
  void shouldReadUcs2ArabicFromTheSmsc() throws Exception {
    bind(config());
    String arabic = "شكاية انقطاع الكهرباء";
    smsc.deliver(TestSmsc.deliverSm("+21620123456", "1234", (byte) 8, arabic.getBytes(StandardCharsets.UTF_16BE)), 10_000);
    assertThat(port.texts()).singleElement().extracting(s -> s.text()).isEqualTo(arabic);
  }

  @Test
  void shouldHandDeliveryReceiptsToThePort() throws Exception {
    bind(config());
    DeliverSm receipt = TestSmsc.deliverSm("+21620123456", "1234", (byte) 0,
        "id:00A1 sub:001 dlvrd:001 submit date:2611231015 done date:2611231016 stat:DELIVRD err:000 text:x"
            .getBytes(StandardCharsets.ISO_8859_1));
    receipt.setEsmClass((byte) 0x04);
    assertThat(smsc.deliver(receipt, 10_000)).isEqualTo(0);
    assertThat(port.receipts()).singleElement().satisfies(r -> {
      assertThat(r.canonicalId()).isEqualTo("A1");
      assertThat(r.status()).isEqualTo(ReceiptStatus.DELIVERED);
    });
    assertThat(port.texts()).isEmpty();
  }

  @Test
  void shouldBindAgainAfterTheConnectionDrops() throws Exception {
    bind(config());
    smsc.dropConnections();
    long end = System.currentTimeMillis() + 15_000;
    while (smsc.boundSessions() == 0 && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    assertThat(smsc.boundSessions()).isEqualTo(1);
    SubmitResult result = submit(OutboundSms.builder("m5", "+21620123456", "again").build()).get(15, TimeUnit.SECONDS);
    assertThat(result.smscMessageIds()).hasSize(1);
    settle(1);
  }

  @Test
  void shouldStayUnboundWithAWrongPasswordAndSayWhy() throws Exception {
    smsc.requirePassword("right");
    bind = new SmppBind(config(), port);
    bind.start();
    assertThat(bind.awaitBound(Duration.ofSeconds(2))).isFalse();
    assertThat(bind.state()).isNotEqualTo(BindState.BOUND);
  }

  @Test
  void shouldReturnQueuedMessagesAsRetryableOnStop() throws Exception {
    smsc.requirePassword("right");
    bind = new SmppBind(config(), port);
    bind.start();
    CompletableFuture<SubmitResult> waiting = submit(OutboundSms.builder("m6", "+21620123456", "x").build());
    bind.stop(Duration.ofSeconds(1));
    assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SmsException.class, e -> {
          assertThat(e.kind()).isEqualTo(SmsException.Kind.SHUTDOWN);
          assertThat(e.retryable()).isTrue();
        });
    bind = null;
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("SHUTDOWN", 1));
  }

  @Test
  void shouldBindAsTransmitterAndReceiverUnderOneName() throws Exception {
    bind(config().toBuilder().bindType(BindMode.TX_RX).build());
    assertThat(smsc.bindRequests()).extracting(TestSmsc.BindRequest::type)
        .containsExactlyInAnyOrder(com.cloudhopper.smpp.SmppBindType.TRANSMITTER,
            com.cloudhopper.smpp.SmppBindType.RECEIVER);
    assertThat(bind.status().sessions()).extracting(BindStatus.Session::type).containsExactly("tx", "rx");
    SubmitResult result = submit(OutboundSms.builder("m7", "+21620123456", "x").build()).get(10, TimeUnit.SECONDS);
    assertThat(result.bind()).isEqualTo("test");
    assertThat(smsc.deliver(TestSmsc.receipt(result.smscMessageIds().getFirst(), "DELIVRD"), 10_000)).isZero();
    assertThat(port.received()).singleElement().satisfies(r -> {
      assertThat(r.bind()).isEqualTo("test");
      assertThat(r.receipt().canonicalId()).isEqualTo(result.smscMessageIds().getFirst());
    });
    settle(1);
  }

  @Test
  void shouldHandOverAReceiptThatComesBeforeItsSubmitResp() throws Exception {
    smsc.receiptsBeforeResp(true);
    bind(config());
    CompletableFuture<SubmitResult> submit = submit(OutboundSms.builder("m8", "+21620123456", "x").build());
    SubmitResult result = submit.get(10, TimeUnit.SECONDS);
    assertThat(port.receipts()).as("committed before the resp came").singleElement()
        .satisfies(r -> assertThat(r.canonicalId()).isEqualTo(result.smscMessageIds().getFirst()));
    settle(1);
  }

  @Test
  void shouldSendFrenchInUcs2OrInGsmWhenTransliterating() throws Exception {
    bind(config());
    String french = "Coupure d'eau: l'hôpital reste alimenté, ça ira « vite » dès l'aîné, ô œuvre, Noël, maïs, sûr, fête";
    submit(OutboundSms.builder("f1", "+21620123456", french).build()).get(10, TimeUnit.SECONDS);
    submit(OutboundSms.builder("f2", "+21620123456", french).transliterate(true).build()).get(10, TimeUnit.SECONDS);
    submit(OutboundSms.builder("f3", "+21620123456", "Réclamation enregistrée: délai à prévoir, où et quand?").build())
        .get(10, TimeUnit.SECONDS);
    List<TestSmsc.Text> texts = smsc.awaitTexts(3, 10_000);
    assertThat(texts.get(0).dataCoding()).isEqualTo((byte) 8);
    assertThat(texts.get(0).text()).isEqualTo(french);
    assertThat(texts.get(1).dataCoding()).isEqualTo((byte) 0);
    assertThat(texts.get(1).text()).isEqualTo(
        "Coupure d'eau: l'hopital reste alimenté, ca ira \" vite \" dès l'ainé, o oeuvre, Noel, mais, sur, fete");
    assertThat(texts.get(2).dataCoding()).as("é è à ù fit GSM").isEqualTo((byte) 0);
    settle(3);
  }

  @Test
  void shouldRefuseATextLongerThanTheSegmentLimit() throws Exception {
    bind(config().toBuilder().maxSegments(2).build());
    CompletableFuture<SubmitResult> f = submit(OutboundSms.builder("l1", "+21620123456", "a".repeat(307)).build());
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(SmsException.class, e -> {
      assertThat(e.kind()).isEqualTo(SmsException.Kind.INVALID);
      assertThat(e.getMessage()).contains("3 segments").contains("limit is 2");
    });
    assertThat(smsc.submits()).isEmpty();
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("INVALID", 1));
  }

  @Test
  void shouldSendValidityAsRelativeScheduleAsAbsoluteAndNoReceiptWhenNotAsked() throws Exception {
    bind(config());
    Instant at = Instant.parse("2026-11-26T08:30:00Z");
    submit(OutboundSms.builder("v1", "+21620123456", "Coupure d'eau demain").validity(Duration.ofHours(2))
        .registeredDelivery(false).build()).get(10, TimeUnit.SECONDS);
    submit(OutboundSms.builder("v2", "+21620123456", "Coupure d'eau jeudi").validity(Duration.ofHours(2))
        .scheduleAt(at).registeredDelivery(false).build()).get(10, TimeUnit.SECONDS);
    List<SubmitSm> pdus = smsc.submits();
    assertThat(pdus.get(0).getValidityPeriod()).isEqualTo("000000020000000R");
    assertThat(pdus.get(0).getScheduleDeliveryTime()).isNullOrEmpty();
    assertThat(pdus.get(0).getRegisteredDelivery()).isZero();
    assertThat(pdus.get(1).getScheduleDeliveryTime()).isEqualTo("261126083000000+");
    assertThat(pdus.get(1).getValidityPeriod()).as("two hours from the scheduled time, not from now")
        .isEqualTo("261126103000000+");
    assertThat(pdus.get(1).getRegisteredDelivery()).isZero();
    settle(2);
  }

  private static final String LONG_GSM = ("Avis: la distribution d'eau sera interrompue demain de 8h a 12h dans votre"
      + " quartier pour des travaux sur le reseau. Merci de faire des reserves. ").repeat(3).substring(0, 300);
  private static final String LONG_ARABIC = ("سيتم قطع الماء غدا من الساعة الثامنة إلى الثانية عشرة بسبب أشغال الصيانة"
      + " في الحي. نعتذر عن الإزعاج. ").repeat(3).substring(0, 150);

  static Stream<Arguments> longTexts() {
    return Stream.of(Concatenation.values())
        .flatMap(form -> Stream.of(Arguments.of(form, "gsm", LONG_GSM), Arguments.of(form, "arabic", LONG_ARABIC)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("longTexts")
  void shouldSendALongTextAsTheBindConcatenatesAndArriveWhole(Concatenation form, String label, String text)
      throws Exception {
    bind(config().toBuilder().concatenation(form).build());
    boolean gsm = label.equals("gsm");
    SubmitResult result = submit(OutboundSms.builder("c1", "+21620123456", text).build()).get(10, TimeUnit.SECONDS);
    int perPart = switch (form) {
      case UDH16 -> gsm ? 152 : 66;
      case UDH8, SAR, PAYLOAD -> gsm ? 153 : 67;
    };
    int parts = form == Concatenation.PAYLOAD ? 1 : (text.length() + perPart - 1) / perPart;
    List<SubmitSm> pdus = smsc.submits();
    assertThat(pdus).hasSize(parts);
    assertThat(result.smscMessageIds()).hasSize(parts);
    int bodyOctets = gsm ? perPart : perPart * 2;
    java.util.Set<Integer> refs = new java.util.HashSet<>();
    for (int i = 0; i < parts; i++) {
      SubmitSm p = pdus.get(i);
      byte[] sm = p.getShortMessage() == null ? new byte[0] : p.getShortMessage();
      boolean last = i == parts - 1;
      assertThat(p.getDataCoding()).isEqualTo((byte) (gsm ? 0 : 8));
      switch (form) {
        case UDH8 -> {
          assertThat(p.getEsmClass() & 0x40).as("UDHI").isEqualTo(0x40);
          assertThat(java.util.Arrays.copyOf(sm, 3)).containsExactly(5, 0, 3);
          assertThat(new int[] {sm[4], sm[5]}).containsExactly(parts, i + 1);
          refs.add(sm[3] & 0xFF);
          if (!last) {
            assertThat(sm.length - 6).isEqualTo(bodyOctets);
          }
        }
        case UDH16 -> {
          assertThat(p.getEsmClass() & 0x40).as("UDHI").isEqualTo(0x40);
          assertThat(java.util.Arrays.copyOf(sm, 3)).containsExactly(6, 8, 4);
          assertThat(new int[] {sm[5], sm[6]}).containsExactly(parts, i + 1);
          refs.add(((sm[3] & 0xFF) << 8) | (sm[4] & 0xFF));
          if (!last) {
            assertThat(sm.length - 7).as("152 GSM or 66 UCS2 characters a part").isEqualTo(bodyOctets);
          }
        }
        case SAR -> {
          assertThat(p.getEsmClass() & 0x40).as("no UDHI").isZero();
          assertThat(p.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS).getValueAsUnsignedByte())
              .isEqualTo((short) parts);
          assertThat(p.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM).getValueAsUnsignedByte())
              .isEqualTo((short) (i + 1));
          refs.add(p.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM).getValueAsUnsignedShort());
          if (!last) {
            assertThat(sm.length).isEqualTo(bodyOctets);
          }
        }
        case PAYLOAD -> {
          assertThat(p.getEsmClass() & 0x40).as("no UDHI").isZero();
          assertThat(sm).as("short_message empty beside message_payload").isEmpty();
          assertThat(p.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD).getValue())
              .hasSize(gsm ? text.length() : text.length() * 2);
        }
      }
    }
    if (form != Concatenation.PAYLOAD) {
      assertThat(refs).as("one reference for every part").hasSize(1);
    }
    assertThat(smsc.awaitTexts(1, 5_000)).singleElement().satisfies(t -> {
      assertThat(t.text()).isEqualTo(text);
      assertThat(t.parts()).isEqualTo(parts);
    });
    settle(1);
  }

  @Test
  void shouldRetryATemporaryErrorAndSendInTheEnd() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    smsc.respondWith(s -> calls.incrementAndGet() <= 2 ? TestSmsc.refuse(s, CommandStatus.ESME_RSYSERR) : smsc.accept(s));
    bind(config());
    SubmitResult result = submit(OutboundSms.builder("r1", "+21620123456", "x").build()).get(10, TimeUnit.SECONDS);
    assertThat(smsc.submits()).hasSize(3);
    assertThat(result.smscMessageIds()).singleElement().isIn(smsc.issuedIds());
    assertThat(bind.status().failed()).isZero();
    assertThat(bind.status().submitted()).isEqualTo(1);
    settle(1);
  }

  @Test
  void shouldRetryASubmitAnsweredAfterTheResponseTimeoutAndCountItOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    smsc.respondAfter(s -> calls.incrementAndGet() == 1 ? Duration.ofMillis(900) : Duration.ZERO);
    bind(config().toBuilder().responseTimeout(Duration.ofMillis(300)).build());
    SubmitResult result = submit(OutboundSms.builder("t1", "+21620123456", "x").build()).get(10, TimeUnit.SECONDS);
    List<SubmitSm> pdus = smsc.awaitSubmits(2, 5_000);
    assertThat(pdus).hasSize(2);
    assertThat(result.smscMessageIds()).as("the id of the second submit").hasSize(1);
    assertThat(bind.status().submitted()).isEqualTo(1);
    assertThat(bind.state()).isEqualTo(BindState.BOUND);
    settle(1);
  }

  @Test
  void shouldSendAnAlertWithinTheNextSubmitsPastABulkBacklog() throws Exception {
    smsc.respondAfter(Duration.ofMillis(20));
    bind(config().toBuilder().window(1).build());
    for (int i = 0; i < 50; i++) {
      submit(OutboundSms.builder("b" + i, "+2162000" + (1000 + i), "Facture " + i).priority(Priority.BULK).build());
    }
    smsc.awaitSubmits(2, 5_000);
    submit(OutboundSms.builder("alert", "+21699999999", "Alerte crue").priority(Priority.ALERT).build());
    int seenWhenQueued = smsc.submits().size();
    settle(51);
    List<String> order = smsc.submits().stream().map(p -> p.getDestAddress().getAddress()).toList();
    assertThat(order).hasSize(51);
    assertThat(order.indexOf("21699999999")).as("position of the alert, %d submits seen when it was queued",
        seenWhenQueued).isLessThan(seenWhenQueued + 2);
  }

  @Test
  void shouldNameThePartsAlreadyAcceptedWhenALongMessageFailsOnALaterPart() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    smsc.respondWith(s -> calls.incrementAndGet() == 1 ? smsc.accept(s)
        : TestSmsc.refuse(s, CommandStatus.ESME_RINVDSTADR));
    bind(config());
    CompletableFuture<SubmitResult> f = submit(OutboundSms.builder("p1", "+21620123456", LONG_GSM).build());
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(SmsException.class, e -> {
      assertThat(e.kind()).isEqualTo(SmsException.Kind.REJECTED);
      assertThat(e.accepted()).hasValueSatisfying(parts -> {
        assertThat(parts.messageId()).isEqualTo("p1");
        assertThat(parts.bind()).isEqualTo("test");
        assertThat(parts.scope()).isEqualTo(BindConfig.DEFAULT_GROUP);
        assertThat(parts.smscMessageIds()).containsExactlyElementsOf(smsc.issuedIds());
      });
    });
    assertThat(smsc.submits()).hasSize(2);
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("REJECTED", 1));
  }

  @Test
  void shouldNameNoAcceptedPartsWhenTheFirstPartFails() throws Exception {
    smsc.respondWith(s -> TestSmsc.refuse(s, CommandStatus.ESME_RINVDSTADR));
    bind(config());
    CompletableFuture<SubmitResult> f = submit(OutboundSms.builder("p2", "+21620123456", LONG_GSM).build());
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(SmsException.class,
        e -> assertThat(e.accepted()).isEmpty());
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("REJECTED", 1));
  }
}

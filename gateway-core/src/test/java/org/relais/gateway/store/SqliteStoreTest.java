package org.relais.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.cases.StatusEntry;
import org.relais.gateway.cases.Channel;
import org.relais.gateway.cases.HandoffState;
import org.relais.gateway.cases.NewCase;
import org.relais.gateway.cases.TrackingNumbers;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.sms.InboundStore;
import org.relais.gateway.sms.MessageEvent;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.MessageStore;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.sms.InboundSms;
import org.relais.sms.SubmitResult;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.receipt.ReceiptStatus;

class SqliteStoreTest {

  @TempDir
  Path dir;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = SqliteStore.open(new StoreConfig(dir.resolve("sub/relais.db").toString(), null, null));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldCreateTheFileAndMigrateTheSchemaOnce() throws Exception {
    String last = Migrations.scripts().getLast();
    int latest = Integer.parseInt(last.substring(1, last.indexOf("__")));
    assertThat(store.health().schemaVersion()).isEqualTo(latest);
    assertThat(store.health().up()).isTrue();
    store.close();
    store = SqliteStore.open(new StoreConfig(dir.resolve("sub/relais.db").toString(), null, null));
    assertThat(store.health().schemaVersion()).isEqualTo(latest);
  }

  @Test
  void shouldKeepAMessageAndItsHistoryFromQueuedToDelivered() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "Bonjour").parts(2).build()));
    assertThat(m.state()).isEqualTo(MessageState.QUEUED);
    assertThat(await(messages.queued(10))).extracting(OutboundMessage::id).containsExactly(m.id());

    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("A1", "A2"))));
    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.SUBMITTED);
    assertThat(await(messages.smscIds(m.id()))).containsExactly("A1", "A2");

    var first = await(messages.receipt("default", new DeliveryReceipt("00a1", ReceiptStatus.DELIVERED, "000", null)));
    assertThat(first.state()).as("one part of two").isEqualTo(MessageState.SUBMITTED);
    var second = await(messages.receipt("default", new DeliveryReceipt("162", ReceiptStatus.DELIVERED, "000", null)));
    assertThat(second.messageId()).as("decimal 162 is hex A2").isEqualTo(m.id());
    assertThat(second.state()).isEqualTo(MessageState.DELIVERED);

    List<MessageEvent> history = await(messages.history(m.id()));
    assertThat(history).extracting(MessageEvent::state)
        .containsExactly(MessageState.QUEUED, MessageState.SUBMITTED, MessageState.DELIVERED);
    assertThat(history).extracting(MessageEvent::detail)
        .containsExactly(null, "bind smsc, SMSC id A1,A2", "receipt DELIVRD err 000");
    assertThat(history.getFirst().at()).isEqualTo(m.createdAt());
    assertThat(await(messages.queued(10))).isEmpty();
  }

  @Test
  void shouldTellAHistoryOfRetriesAndAFailedReceiptInTheOrderTheyHappened() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "Bonjour").build()));
    await(messages.retry(m.id(), "ESME_RTHROTTLED", Instant.now()));
    await(messages.submitted(new SubmitResult(m.id(), "smsc-b", "default", List.of("B7"))));
    await(messages.receipt("default", new DeliveryReceipt("B7", ReceiptStatus.UNDELIVERABLE, "011", null)));

    List<MessageEvent> history = await(messages.history(m.id()));
    assertThat(history).extracting(MessageEvent::state)
        .containsExactly(MessageState.QUEUED, MessageState.QUEUED, MessageState.SUBMITTED, MessageState.FAILED);
    assertThat(history).extracting(MessageEvent::detail)
        .containsExactly(null, "retry: ESME_RTHROTTLED", "bind smsc-b, SMSC id B7", "receipt UNDELIV err 011");
    assertThat(history).extracting(MessageEvent::at).isSorted();
    assertThat(await(messages.history("msg_none"))).isEmpty();
  }

  @Test
  void shouldNotTellTwiceAStepAnOlderVersionWroteAsAnEvent() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "Bonjour").build()));
    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("C1"))));
    await(messages.receipt("default", new DeliveryReceipt("C1", ReceiptStatus.DELIVERED, null, null)));
    long created = m.createdAt().toEpochMilli();
    await(store.database().write(c -> {
      for (String state : List.of("queued", "submitted", "delivered")) {
        var ps = c.prepareStatement("INSERT INTO message_events (message_id, at, state, detail) VALUES (?, ?, ?, ?)");
        ps.setString(1, m.id());
        ps.setLong(2, created);
        ps.setString(3, state);
        ps.setString(4, state.equals("queued") ? null : "written " + state);
        ps.executeUpdate();
      }
      return null;
    }));

    assertThat(await(messages.history(m.id()))).extracting(MessageEvent::state, MessageEvent::detail)
        .containsExactly(tuple(MessageState.QUEUED, null), tuple(MessageState.SUBMITTED, "written submitted"),
            tuple(MessageState.DELIVERED, "written delivered"));
  }

  @Test
  void shouldTellTheQueuingOfAMessageRetriedInTheSameMillisecond() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "Bonjour").build()));
    await(store.database().write(c -> {
      MessageRows.event(c, m.id(), m.createdAt().toEpochMilli(), MessageState.QUEUED, "retry: ESME_RTHROTTLED");
      return null;
    }));

    assertThat(await(messages.history(m.id()))).extracting(MessageEvent::state, MessageEvent::detail)
        .containsExactly(tuple(MessageState.QUEUED, null), tuple(MessageState.QUEUED, "retry: ESME_RTHROTTLED"));
  }

  @Test
  void shouldTellTheFinalStateOfAMessageWhosePartsAnSmscIdUsedAgainReplaced() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "Bonjour").build()));
    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("D1"))));
    await(messages.receipt("default", new DeliveryReceipt("D1", ReceiptStatus.UNDELIVERABLE, "011", null)));
    OutboundMessage next = await(messages.insert(NewMessage.to("+21620123457", "Bonsoir").build()));
    await(messages.submitted(new SubmitResult(next.id(), "smsc", "default", List.of("D1"))));
    assertThat(await(messages.smscIds(m.id()))).isEmpty();

    assertThat(await(messages.history(m.id()))).extracting(MessageEvent::state, MessageEvent::detail)
        .containsExactly(tuple(MessageState.QUEUED, null), tuple(MessageState.FAILED, "receipt UNDELIV err 011"));
  }

  @Test
  void shouldKeepAReceiptThatArrivesBeforeItsSubmitResult() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build()));
    var early = await(messages.receipt("default", new DeliveryReceipt("FF01", ReceiptStatus.UNDELIVERABLE, "011", null)));
    assertThat(early.matched()).isFalse();
    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("FF01"))));
    OutboundMessage after = await(messages.find(m.id())).orElseThrow();
    assertThat(after.state()).isEqualTo(MessageState.FAILED);
    assertThat(after.error()).contains("UNDELIV").contains("011");
  }

  @Test
  void shouldNotMatchAReceiptFromAnotherGroupOfBinds() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build()));
    await(messages.submitted(new SubmitResult(m.id(), "orange-1", "orange", List.of("77"))));
    assertThat(await(messages.receipt("ooredoo", new DeliveryReceipt("77", ReceiptStatus.DELIVERED, null, null)))
        .matched()).isFalse();
    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.SUBMITTED);
  }

  @Test
  void shouldRecordRejectionsAndRetries() throws Exception {
    MessageStore messages = store.messages();
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build()));
    await(messages.retry(m.id(), "throttled", Instant.now()));
    assertThat(await(messages.find(m.id())).orElseThrow().attempts()).isEqualTo(1);
    await(messages.failed(m.id(), MessageState.REJECTED, "ESME_RINVDSTADR"));
    OutboundMessage rejected = await(messages.find(m.id())).orElseThrow();
    assertThat(rejected.state()).isEqualTo(MessageState.REJECTED);
    assertThat(rejected.error()).isEqualTo("ESME_RINVDSTADR");
    await(messages.failed(m.id(), MessageState.FAILED, "late"));
    assertThat(await(messages.find(m.id())).orElseThrow().state()).as("a final state stays").isEqualTo(MessageState.REJECTED);
  }

  @Test
  void shouldCommitAnInboundTextOnceHoweverOftenItIsDelivered() throws Exception {
    InboundStore inbound = store.inbound();
    // Received a second ago: with a window of zero it is outside the window even when the inserts
    // below fall within the same millisecond.
    InboundSms sms = new InboundSms("smsc", "+21620123456", "1234", "PLAINTE x", Instant.now().minusSeconds(1),
        "k1", 1);
    InboundStore.Inserted first = await(inbound.insert(sms, Duration.ofHours(1)));
    InboundStore.Inserted again = await(inbound.insert(sms, Duration.ofHours(1)));
    assertThat(first.isNew()).isTrue();
    assertThat(again.isNew()).isFalse();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(await(inbound.insert(sms, Duration.ZERO)).isNew()).as("outside the window it is a new text").isTrue();
    assertThat(await(inbound.unprocessed(10))).hasSize(2);
    await(inbound.processed(first.id(), "case 1"));
    assertThat(await(inbound.unprocessed(10))).hasSize(1);
  }

  @Test
  void shouldPageThroughEveryUnprocessedTextHoweverManyTheyAre() throws Exception {
    InboundStore inbound = store.inbound();
    Instant at = Instant.now();
    List<io.vertx.core.Future<InboundStore.Inserted>> inserts = new java.util.ArrayList<>();
    for (int i = 0; i < 1_234; i++) {
      inserts.add(inbound.insert(new InboundSms("smsc", "+2162%07d".formatted(i), "1234", "PLAINTE " + i,
          at.plusMillis(i % 7), "k" + i, 1), Duration.ofHours(1)));
    }
    io.vertx.core.Future.all(inserts).await(30, TimeUnit.SECONDS);
    java.util.Set<String> seen = new java.util.HashSet<>();
    org.relais.gateway.sms.InboundMessage after = null;
    int pages = 0;
    while (true) {
      List<org.relais.gateway.sms.InboundMessage> page = await(inbound.unprocessed(after, 500));
      page.forEach(m -> assertThat(seen.add(m.id())).as("each text once").isTrue());
      pages++;
      if (page.size() < 500) {
        break;
      }
      after = page.getLast();
    }
    assertThat(seen).hasSize(1_234);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void shouldCreateACaseOncePerSourceWithACheckedTrackingNumber() throws Exception {
    NewCase request = new NewCase(Channel.SMS, "+21620123456", "fr", null, "fuite d'eau", null, "in_1", Instant.now());
    Instant announced = Instant.now().plusSeconds(86_400);
    CaseRecord c = await(store.cases().create(request, 8, announced));
    CaseRecord again = await(store.cases().create(request, 8, announced));
    assertThat(c.expectedResponse()).isEqualTo(Instant.ofEpochMilli(announced.toEpochMilli()));
    assertThat(again.id()).isEqualTo(c.id());
    assertThat(TrackingNumbers.isValid(c.trackingNumber())).isTrue();
    assertThat(c.handoffState()).isEqualTo(HandoffState.PENDING);
    assertThat(await(store.cases().due(Instant.now(), 10))).extracting(e -> e.caseId()).containsExactly(c.id());
    assertThat(await(store.cases().findByReference(c.trackingNumber()))).isPresent();
  }

  @Test
  void shouldLeaveTheOutboxWhenTheCoreHasTheCaseOrWhenItIsDead() throws Exception {
    CaseRecord a = await(store.cases().create(new NewCase(Channel.SMS, "+1", "fr", null, "a", null, "a", Instant.now()), 8,
        null));
    CaseRecord b = await(store.cases().create(new NewCase(Channel.SMS, "+1", "fr", null, "b", null, "b", Instant.now()), 8,
        null));
    CaseRecord delivered = await(store.cases().delivered(a.id(), new CaseStore.CoreIds("C-1", null, "T-9"), null));
    assertThat(delivered.handoffState()).isEqualTo(HandoffState.DELIVERED);
    assertThat(delivered.citizenReference()).isEqualTo("T-9");
    assertThat(await(store.cases().findByReference("T-9"))).map(CaseRecord::id).contains(a.id());
    assertThat(await(store.cases().findByReference("C-1"))).map(CaseRecord::id).contains(a.id());
    await(store.cases().attemptFailed(b.id(), 3, Instant.now().plusSeconds(60), "503", false));
    assertThat(await(store.cases().due(Instant.now(), 10))).isEmpty();
    await(store.cases().attemptFailed(b.id(), 4, Instant.now(), "400", true));
    assertThat(await(store.cases().find(b.id())).orElseThrow().handoffState()).isEqualTo(HandoffState.DEAD);
    assertThat(await(store.cases().handoffCounts())).containsEntry(HandoffState.DEAD, 1L)
        .containsEntry(HandoffState.DELIVERED, 1L).containsEntry(HandoffState.PENDING, 0L);
    assertThat(await(store.cases().dead(10))).extracting(CaseRecord::id).containsExactly(b.id());
    assertThat(await(store.cases().retryHandoff(a.id()))).as("a delivered case is not retried").isFalse();
    assertThat(await(store.cases().retryHandoff(b.id()))).isTrue();
    assertThat(await(store.cases().due(Instant.now(), 10))).extracting(e -> e.caseId()).containsExactly(b.id());
    assertThat(await(store.cases().outbox(b.id())).orElseThrow().attempts()).isZero();
  }

  @Test
  void shouldRecordAStatusOnlyWhenItChangesAndTrackTheAnswer() throws Exception {
    CaseStore cases = store.cases();
    CaseRecord c = await(cases.create(new NewCase(Channel.SMS, "+1", "fr", "water", "x", null, "s", Instant.now()), 8,
        Instant.now().plusSeconds(60)));
    Instant t1 = Instant.parse("2026-11-23T10:00:00Z");
    assertThat(await(cases.statusChanged(c.id(), new CaseStore.StatusReport("received", null, t1, "webhook"), false)))
        .isPresent();
    assertThat(await(cases.statusChanged(c.id(), new CaseStore.StatusReport("received", "again", t1, "webhook"), false)))
        .as("unchanged").isEmpty();
    Instant t2 = t1.plusSeconds(3600);
    assertThat(await(cases.statusChanged(c.id(), new CaseStore.StatusReport("resolved", "fixed", t2, "open311"), true)))
        .hasValueSatisfying(e -> assertThat(e.note()).isEqualTo("fixed"));
    await(cases.notified(c.id(), new StatusEntry("resolved", "fixed", t2, "open311", null), "msg_X"));
    CaseRecord after = await(cases.find(c.id())).orElseThrow();
    assertThat(after.status()).isEqualTo("resolved");
    assertThat(after.dates().firstStatusAt()).isEqualTo(t1);
    assertThat(after.dates().answeredAt()).isEqualTo(t2);
    assertThat(await(cases.history(c.id()))).extracting(StatusEntry::status, StatusEntry::notifiedMessageId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("received", null),
            org.assertj.core.groups.Tuple.tuple("resolved", "msg_X"));
  }

  @Test
  void shouldListOverdueCasesOnceFlagged() throws Exception {
    CaseStore cases = store.cases();
    CaseRecord late = await(cases.create(new NewCase(Channel.SMS, "+1", "fr", null, "x", null, "l", Instant.now()), 8,
        Instant.now().minusSeconds(10)));
    await(cases.create(new NewCase(Channel.SMS, "+1", "fr", null, "y", null, "f", Instant.now()), 8,
        Instant.now().plusSeconds(3600)));
    assertThat(await(cases.overdue(Instant.now(), 10))).extracting(CaseRecord::id).containsExactly(late.id());
    await(cases.slaBreached(late.id(), Instant.now()));
    assertThat(await(cases.overdue(Instant.now(), 10))).isEmpty();
  }

  @Test
  void shouldKeepOptOutsZonesAndCursors() throws Exception {
    assertThat(await(store.subscribers().optOut("+21620123456"))).isTrue();
    assertThat(await(store.subscribers().optOut("+21620123456"))).isFalse();
    assertThat(await(store.subscribers().optedOut())).containsExactly("+21620123456");
    assertThat(await(store.subscribers().optIn("+21620123456"))).isTrue();
    assertThat(await(store.subscribers().optedOut())).isEmpty();
    assertThat(await(store.subscribers().subscribe("+21620123456", "centre"))).isTrue();
    assertThat(await(store.subscribers().subscribe("+21620123456", "centre"))).isFalse();
    assertThat(await(store.subscribers().zones("+21620123456"))).containsExactly("centre");
    assertThat(await(store.cursors().get("x"))).isEmpty();
    await(store.cursors().put("x", "1"));
    await(store.cursors().put("x", "2"));
    assertThat(await(store.cursors().get("x"))).contains("2");
  }

  @Test
  void shouldCommitConcurrentWritesInGroups() throws Exception {
    List<io.vertx.core.Future<OutboundMessage>> writes = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      writes.add(store.messages().insert(NewMessage.to("+2162000" + i, "m" + i).build()));
    }
    for (var w : writes) {
      await(w);
    }
    assertThat(store.health().writes()).isGreaterThanOrEqualTo(2000);
    assertThat(store.health().commits()).as("grouped, not one commit per write").isLessThan(2000);
  }

  @Test
  void shouldRememberACallersLanguage() throws Exception {
    assertThat(await(store.subscribers().language("+21620123456"))).isEmpty();
    await(store.subscribers().rememberLanguage("+21620123456", "ar"));
    await(store.subscribers().rememberLanguage("+21620123456", "en"));
    assertThat(await(store.subscribers().language("+21620123456"))).contains("en");
  }
}

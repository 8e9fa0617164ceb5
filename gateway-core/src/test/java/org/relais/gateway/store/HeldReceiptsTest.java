package org.relais.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.MessageStore.ReceiptMatch;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.sms.SubmitResult;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.receipt.ReceiptStatus;

/**
 * A receipt that comes before its submit result is held in memory, unanswered, and applied by the
 * write that records that result; held too long, it is kept in pending_receipts as before.
 */
class HeldReceiptsTest {

  @TempDir
  Path dir;
  private Database db;

  private SqliteMessageStore open(Duration hold) {
    db = Database.open(new StoreConfig(dir.resolve("relais.db").toString(), "normal", null));
    return new SqliteMessageStore(db, hold);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  private static DeliveryReceipt receipt(String id, ReceiptStatus status) {
    return new DeliveryReceipt(id, status, status == ReceiptStatus.DELIVERED ? null : "069", null);
  }

  private long count(String sql) throws Exception {
    return await(db.read(c -> {
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        return rs.next() ? rs.getLong(1) : -1L;
      }
    }));
  }

  @Test
  void shouldAnswerAnEarlyReceiptOnlyOnceItsSubmitResultIsCommittedAndApplyItThere() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMinutes(5));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build(), true));

    Future<ReceiptMatch> early = messages.receipt("default", receipt("0A1", ReceiptStatus.DELIVERED));
    // Not committed anywhere yet, so not answered: the SMSC would deliver it again after a crash.
    await(db.write(c -> null));
    assertThat(early.isComplete()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM pending_receipts")).isZero();

    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("A1"))));
    ReceiptMatch match = await(early);
    assertThat(match.matched()).isTrue();
    assertThat(match.waited()).isTrue();
    assertThat(match.messageId()).isEqualTo(m.id());
    assertThat(match.state()).isEqualTo(MessageState.DELIVERED);
    assertThat(match.latency()).isNotNull();
    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.DELIVERED);
    assertThat(count("SELECT COUNT(*) FROM pending_receipts")).isZero();
  }

  @Test
  void shouldAggregateTheHeldReceiptsOfALongMessagesPartsAndARedeliveryOfOne() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMinutes(5));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "long").build(), true));

    Future<ReceiptMatch> first = messages.receipt("default", receipt("11", ReceiptStatus.DELIVERED));
    Future<ReceiptMatch> again = messages.receipt("default", receipt("11", ReceiptStatus.DELIVERED));
    Future<ReceiptMatch> second = messages.receipt("default", receipt("12", ReceiptStatus.UNDELIVERABLE));
    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("11", "12", "13"))));
    assertThat(await(first).state()).as("part 3 has no receipt yet").isEqualTo(MessageState.SUBMITTED);
    assertThat(await(again).matched()).isTrue();
    assertThat(await(second).messageId()).isEqualTo(m.id());

    ReceiptMatch last = await(messages.receipt("default", receipt("13", ReceiptStatus.DELIVERED)));
    assertThat(last.waited()).isFalse();
    assertThat(last.state()).as("the worst part decides").isEqualTo(MessageState.FAILED);
    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.FAILED);
  }

  @Test
  void shouldNotGiveAHeldReceiptToAnotherMessageWhoseIdReadsTheSameInTheOtherBase() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMinutes(5));
    OutboundMessage x = await(messages.insert(NewMessage.to("+21620123456", "x").build(), true));
    OutboundMessage y = await(messages.insert(NewMessage.to("+21620123457", "y").build(), true));

    // "10" read as hex is 16: the receipt of x must wait for x's own submit result.
    Future<ReceiptMatch> forX = messages.receipt("default", receipt("10", ReceiptStatus.DELIVERED));
    await(db.write(c -> null));
    await(messages.submitted(new SubmitResult(y.id(), "smsc", "default", List.of("16"))));
    assertThat(forX.isComplete()).isFalse();
    await(messages.submitted(new SubmitResult(x.id(), "smsc", "default", List.of("10"))));

    assertThat(await(forX).messageId()).isEqualTo(x.id());
    assertThat(await(messages.find(x.id())).orElseThrow().state()).isEqualTo(MessageState.DELIVERED);
    assertThat(await(messages.find(y.id())).orElseThrow().state()).isEqualTo(MessageState.SUBMITTED);
  }

  @Test
  void shouldNotGuessTheOtherBaseForAnEarlyReceiptWhoseOwnSubmitResultIsOnItsWay() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMinutes(5));
    OutboundMessage old = await(messages.insert(NewMessage.to("+21620123456", "old").build(), true));
    await(messages.submitted(new SubmitResult(old.id(), "smsc", "default", List.of("10027"))));
    OutboundMessage fresh = await(messages.insert(NewMessage.to("+21620123457", "new").build(), true));

    // 65575 read as decimal is hex 10027, the old message's id; the receipt is the new one's.
    Future<ReceiptMatch> receipt = messages.receipt("default", receipt("65575", ReceiptStatus.DELIVERED));
    await(db.write(c -> null));
    await(messages.submitted(new SubmitResult(fresh.id(), "smsc", "default", List.of("65575"))));

    assertThat(await(receipt).messageId()).isEqualTo(fresh.id());
    assertThat(await(messages.find(fresh.id())).orElseThrow().state()).isEqualTo(MessageState.DELIVERED);
    assertThat(await(messages.find(old.id())).orElseThrow().state()).isEqualTo(MessageState.SUBMITTED);
  }

  @Test
  void shouldMatchAReceiptQuotingTheIdInTheOtherBaseOnceItsHoldIsOver() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMillis(20));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build(), true));
    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("A3F"))));

    ReceiptMatch match = await(messages.receipt("default", receipt("2623", ReceiptStatus.DELIVERED)));
    assertThat(match.messageId()).isEqualTo(m.id());
    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void shouldApplyAHeldReceiptToAPartAcceptedBeforeTheAttemptFailed() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMinutes(5));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "long").build(), true));

    Future<ReceiptMatch> receipt = messages.receipt("default", receipt("D4", ReceiptStatus.DELIVERED));
    await(db.write(c -> null));
    await(messages.abandonedParts(new SubmitResult(m.id(), "smsc", "default", List.of("D4"))));

    ReceiptMatch match = await(receipt);
    assertThat(match.waited()).isTrue();
    assertThat(match.messageId()).isEqualTo(m.id());
    assertThat(count("SELECT COUNT(*) FROM message_parts WHERE smsc_id = 'D4' AND part = 0 AND state = 'delivered'"))
        .isOne();
    assertThat(await(messages.find(m.id())).orElseThrow().state()).as("an abandoned part decides nothing")
        .isEqualTo(MessageState.QUEUED);
  }

  @Test
  void shouldKeepAReceiptHeldTooLongInTheStoreAndStillApplyItToItsLateSubmitResult() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMillis(20));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build(), true));
    // A submit result recorded while nothing is kept: the store learns there is nothing to look for.
    OutboundMessage before = await(messages.insert(NewMessage.to("+21620123457", "y").build(), true));
    await(messages.submitted(new SubmitResult(before.id(), "smsc", "default", List.of("B1"))));

    ReceiptMatch kept = await(messages.receipt("default", receipt("B2", ReceiptStatus.DELIVERED)));
    assertThat(kept.matched()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM pending_receipts WHERE smsc_id = 'B2'")).isOne();

    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("B2"))));
    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.DELIVERED);
    assertThat(count("SELECT COUNT(*) FROM pending_receipts")).isZero();
  }

  @Test
  void shouldLookAgainForKeptReceiptsAfterATransactionFoundThemGoneAndWasRolledBack() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMillis(20));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build(), true));
    OutboundMessage other = await(messages.insert(NewMessage.to("+21620123457", "y").build(), true));
    assertThat(await(messages.receipt("default", receipt("E1", ReceiptStatus.DELIVERED))).matched()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM pending_receipts")).isOne();

    // One transaction: m's submit result takes the kept receipt (the table is then empty), the
    // other's finds nothing kept, a third write fails: all is rolled back, and run again write by write.
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    Future<Object> blocker = db.write(c -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    Future<Void> first = messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("E1")));
    Future<Void> second = messages.submitted(new SubmitResult(other.id(), "smsc", "default", List.of("E2")));
    Future<Object> failing = db.write(c -> {
      throw new java.sql.SQLException("refused");
    });
    gate.countDown();
    await(blocker);
    await(first);
    await(second);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(failing)).hasMessageContaining("refused");

    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.DELIVERED);
    assertThat(count("SELECT COUNT(*) FROM pending_receipts")).isZero();
  }

  @Test
  void shouldLookForAReceiptKeptBeforeARestart() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMillis(20));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build(), true));
    assertThat(await(messages.receipt("default", receipt("D4", ReceiptStatus.EXPIRED))).matched()).isFalse();
    db.close();

    SqliteMessageStore reopened = open(Duration.ofMillis(20));
    await(reopened.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("D4"))));
    assertThat(await(reopened.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.EXPIRED);
    assertThat(count("SELECT COUNT(*) FROM pending_receipts")).isZero();
  }

  @Test
  void shouldApplyAReceiptOfAnotherScopeOnlyToThatScope() throws Exception {
    SqliteMessageStore messages = open(Duration.ofMillis(50));
    OutboundMessage m = await(messages.insert(NewMessage.to("+21620123456", "x").build(), true));

    Future<ReceiptMatch> elsewhere = messages.receipt("orange", receipt("C3", ReceiptStatus.DELIVERED));
    await(messages.submitted(new SubmitResult(m.id(), "smsc", "default", List.of("C3"))));
    assertThat(await(elsewhere).matched()).isFalse();
    assertThat(await(messages.find(m.id())).orElseThrow().state()).isEqualTo(MessageState.SUBMITTED);
  }
}

package org.relais.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.sms.InboundStore.PartOutcome;
import org.relais.gateway.sms.MessageState;
import org.relais.gateway.sms.MessageStore;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundMessage;
import org.relais.sms.InboundPart;
import org.relais.sms.Priority;
import org.relais.sms.SubmitResult;
import org.relais.sms.encoding.Alphabet;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.receipt.ReceiptIdForm;
import org.relais.sms.receipt.ReceiptStatus;

/** The SQLite side of SMS: the queue and its claims, receipts by scope, the parts of inbound texts. */
class SqliteSmsStoreTest {

  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir
  Path dir;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = SqliteStore.open(new StoreConfig(dir.resolve("relais.db").toString(), "normal", null));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  private OutboundMessage queue(String text, Priority priority) throws Exception {
    return await(store.messages().insert(NewMessage.to("+21620123456", text).priority(priority).build()));
  }

  @Test
  void shouldClaimByLaneThenAgeAndNeverTwiceInOneRun() throws Exception {
    OutboundMessage bulk = queue("bulk", Priority.BULK);
    OutboundMessage normal = queue("normal", Priority.NORMAL);
    OutboundMessage alert = queue("alert", Priority.ALERT);
    OutboundMessage reply = queue("reply", Priority.REPLY);
    MessageStore messages = store.messages();
    assertThat(await(messages.claim(3))).extracting(m -> m.request().body()).containsExactly("alert", "reply", "normal");
    assertThat(await(messages.claim(10))).extracting(OutboundMessage::id).containsExactly(bulk.id());
    assertThat(await(messages.claim(10))).isEmpty();
    assertThat(await(messages.insert(NewMessage.to("+1", "held").build(), true)).state()).isEqualTo(MessageState.QUEUED);
    assertThat(await(messages.claim(10))).as("claimed at insert").isEmpty();

    store.close();
    store = SqliteStore.open(new StoreConfig(dir.resolve("relais.db").toString(), "normal", null));
    assertThat(await(store.messages().claim(10))).as("a new run holds nothing: all queued again").hasSize(5);
    assertThat(List.of(alert.id(), reply.id(), normal.id())).isNotEmpty();
  }

  @Test
  void shouldWaitForTheRetryTimeBeforeClaimingAgain() throws Exception {
    OutboundMessage m = queue("x", Priority.NORMAL);
    MessageStore messages = store.messages();
    assertThat(await(messages.claim(1))).hasSize(1);
    await(messages.retry(m.id(), "ESME_RSYSERR", Instant.now().plusSeconds(3600)));
    assertThat(await(messages.claim(1))).isEmpty();
    await(messages.retry(m.id(), "ESME_RSYSERR", Instant.now().minusSeconds(1)));
    assertThat(await(messages.claim(1))).extracting(OutboundMessage::attempts).containsExactly(2);
  }

  @Test
  void shouldMatchAReceiptWithinItsScopeAndTellItsLatency() throws Exception {
    OutboundMessage m = queue("x", Priority.NORMAL);
    MessageStore messages = store.messages();
    await(messages.submitted(new SubmitResult(m.id(), "orange-2", "orange", List.of("A3F"))));
    DeliveryReceipt decimal = new DeliveryReceipt("2623", ReceiptStatus.DELIVERED, null, null)
        .withIdForm(ReceiptIdForm.DECIMAL);
    MessageStore.ReceiptMatch match = await(messages.receipt("orange", decimal));
    assertThat(match.messageId()).isEqualTo(m.id());
    assertThat(match.state()).isEqualTo(MessageState.DELIVERED);
    assertThat(match.bind()).isEqualTo("orange-2");
    assertThat(match.latency()).isNotNull();
  }

  @Test
  void shouldNotGuessTheOtherBaseWhenTheBindNamesTheForm() throws Exception {
    OutboundMessage m = queue("x", Priority.NORMAL);
    await(store.messages().submitted(new SubmitResult(m.id(), "smsc", "default", List.of("1234"))));
    DeliveryReceipt hex = new DeliveryReceipt("4D2", ReceiptStatus.DELIVERED, null, null).withIdForm(ReceiptIdForm.SAME);
    assertThat(await(store.messages().receipt("default", hex)).matched()).isFalse();
  }

  private static InboundPart part(String ref, int number, int total, String text, Instant at) {
    return new InboundPart("smsc", "+21620123456", "1234", "+21620123456|1234|udh8:" + ref + "/" + total, number,
        total, Alphabet.LATIN1, text.getBytes(StandardCharsets.ISO_8859_1), ref + "/" + number + "/" + text, at);
  }

  @Test
  void shouldJoinPartsInTheTransactionOfTheLastAndCountARedeliveryOnce() throws Exception {
    Instant now = Instant.now();
    PartOutcome first = await(store.inbound().insertPart(part("7", 2, 2, "rue X", now), HOUR));
    assertThat(first.kind()).isEqualTo(PartOutcome.Kind.WAITING);
    assertThat(await(store.inbound().insertPart(part("7", 2, 2, "rue X", now), HOUR)).kind())
        .isEqualTo(PartOutcome.Kind.DUPLICATE);
    PartOutcome last = await(store.inbound().insertPart(part("7", 1, 2, "PLAINTE fuite ", now), HOUR));
    assertThat(last.kind()).isEqualTo(PartOutcome.Kind.COMPLETED);
    assertThat(last.completed()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("PLAINTE fuite rue X"));
    assertThat(await(store.inbound().unprocessed(10))).hasSize(1);
  }

  @Test
  void shouldDeliverTheEarlierMessageWhenASenderReusesAReferenceTooSoon() throws Exception {
    Instant now = Instant.now();
    await(store.inbound().insertPart(part("9", 1, 2, "premier ", now), HOUR));
    PartOutcome again = await(store.inbound().insertPart(part("9", 1, 2, "second ", now), HOUR));
    assertThat(again.kind()).isEqualTo(PartOutcome.Kind.COMPLETED);
    assertThat(again.completed()).singleElement()
        .satisfies(m -> assertThat(m.body()).isEqualTo("premier " + InboundPart.MISSING));
    PartOutcome rest = await(store.inbound().insertPart(part("9", 2, 2, "message", now), HOUR));
    assertThat(rest.completed()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("second message"));
  }

  @Test
  void shouldDeliverALateMessageIncompleteAndKeepItsLatePart() throws Exception {
    Instant long_ago = Instant.now().minusSeconds(600);
    await(store.inbound().insertPart(part("5", 1, 3, "PLAINTE ", long_ago), HOUR));
    await(store.inbound().insertPart(part("5", 3, 3, " fin", long_ago), HOUR));
    var expired = await(store.inbound().expireParts(Instant.now().minusSeconds(300), Instant.now().minus(HOUR)));
    assertThat(expired).singleElement()
        .satisfies(m -> assertThat(m.body()).isEqualTo("PLAINTE " + InboundPart.MISSING + " fin"));
    assertThat(await(store.inbound().insertPart(part("5", 2, 3, "milieu", Instant.now()), HOUR)).kind())
        .isEqualTo(PartOutcome.Kind.LATE);
    assertThat(await(store.inbound().expireParts(Instant.now().minusSeconds(300), Instant.now().minus(HOUR))))
        .as("nothing waits any more").isEmpty();
    assertThat(await(store.inbound().unprocessed(10))).hasSize(1);
  }
}

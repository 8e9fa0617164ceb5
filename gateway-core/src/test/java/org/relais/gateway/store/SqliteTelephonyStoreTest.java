package org.relais.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.telephony.CallLog;
import org.relais.gateway.telephony.callback.Callback;
import org.relais.gateway.telephony.callback.CallbackState;
import org.relais.gateway.telephony.callback.CallbackStore;
import org.relais.gateway.telephony.callback.NewCallback;
import org.relais.gateway.telephony.directory.InvoiceStatus;
import org.relais.ivr.engine.CallOutcome;

/** The IVR's tables: the call log, callbacks and their attempts, accounts and invoices. */
class SqliteTelephonyStoreTest {

  @TempDir
  Path dir;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = SqliteStore.open(new StoreConfig(dir.resolve("relais.db").toString(), null, null));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  private static NewCallback request(String call) {
    return new NewCallback("+21620123456", "ar", "billing", "billing", "hotline", "hotline", "call:" + call + ":billing");
  }

  @Test
  void shouldRegisterACallbackOncePerCallAndFindItDue() throws Exception {
    Callback first = await(store.callbacks().register(request("1795343783.2")));
    Callback again = await(store.callbacks().register(request("1795343783.2")));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.state()).isEqualTo(CallbackState.PENDING);
    assertThat(first.attempts()).isZero();
    assertThat(await(store.callbacks().due(Instant.now().plusSeconds(1), 10))).extracting(Callback::id)
        .containsExactly(first.id());
  }

  @Test
  void shouldClaimOnceRecordEachAttemptAndRetryLater() throws Exception {
    Callback cb = await(store.callbacks().register(request("a")));
    assertThat(await(store.callbacks().claim(cb.id()))).isTrue();
    assertThat(await(store.callbacks().claim(cb.id()))).as("already dialling").isFalse();
    Instant later = Instant.now().plusSeconds(600);
    Callback busy = await(store.callbacks().attempted(cb.id(),
        new CallbackStore.Attempt(1, Instant.now(), "busy", "Reason 5", "relais-x-1"), CallbackState.PENDING, later));
    assertThat(busy.attempts()).isEqualTo(1);
    assertThat(busy.lastOutcome()).isEqualTo("busy");
    assertThat(busy.nextAttemptAt()).isEqualTo(Instant.ofEpochMilli(later.toEpochMilli()));
    assertThat(await(store.callbacks().due(Instant.now(), 10))).as("not due before its retry").isEmpty();
    await(store.callbacks().claim(cb.id()));
    Callback answered = await(store.callbacks().attempted(cb.id(),
        new CallbackStore.Attempt(2, Instant.now(), "answered", "Reason 4", "relais-x-2"), CallbackState.ANSWERED, null));
    assertThat(answered.state()).isEqualTo(CallbackState.ANSWERED);
    assertThat(rows("SELECT COUNT(*) FROM callback_attempts WHERE callback_id = '" + cb.id() + "'")).isEqualTo(2);
    assertThat(await(store.callbacks().counts())).containsEntry(CallbackState.ANSWERED, 1L)
        .containsEntry(CallbackState.PENDING, 0L);
  }

  @Test
  void shouldPutBackWhatAStopLeftDiallingAndPostponeToOpeningTime() throws Exception {
    Callback cb = await(store.callbacks().register(request("b")));
    await(store.callbacks().claim(cb.id()));
    assertThat(await(store.callbacks().resumeDialling())).isEqualTo(1);
    Instant opening = Instant.now().plusSeconds(3600);
    await(store.callbacks().postpone(cb.id(), opening));
    Callback found = await(store.callbacks().find(cb.id())).orElseThrow();
    assertThat(found.state()).isEqualTo(CallbackState.PENDING);
    assertThat(found.attempts()).as("postponing is not an attempt").isZero();
    assertThat(found.nextAttemptAt()).isEqualTo(Instant.ofEpochMilli(opening.toEpochMilli()));
  }

  @Test
  void shouldFindAccountsByNumberAndInvoicesByNumber() throws Exception {
    await(store.directory().putAccount("7992739871", "+21620123456"));
    assertThat(await(store.directory().accountByMsisdn("+21620123456"))).contains("7992739871");
    assertThat(await(store.directory().accountByMsisdn("+21620000000"))).isEmpty();
    assertThat(await(store.directory().accountExists("7992739871"))).isTrue();
    assertThat(await(store.directory().accountExists("1234567897"))).isFalse();
    await(store.directory().putInvoice("2026000127", "SONEDE", InvoiceStatus.SCHEDULED, 125_000L));
    assertThat(await(store.directory().invoice("2026000127"))).contains(InvoiceStatus.SCHEDULED);
    assertThat(await(store.directory().invoice("2026000999"))).isEmpty();
  }

  @Test
  void shouldLogEachCallWithHowFarTheCallerGot() throws Exception {
    CallOutcome abandoned = new CallOutcome("hotline", CallOutcome.Ending.ABANDONED, null, "status",
        "ar", List.of("language", "welcome", "hours", "main", "status"));
    await(store.calls().record(new CallLog.CallRecord("1795343783.2", "0612345678", Instant.now().minusSeconds(40),
        Instant.now(), abandoned)));
    assertThat(rows("SELECT COUNT(*) FROM calls WHERE ending = 'abandoned' AND last_node = 'status' AND steps = 5"
        + " AND path = 'language welcome hours main status'")).isEqualTo(1);
  }

  private long rows(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relais.db"));
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

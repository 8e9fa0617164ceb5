package org.relais.gateway.telephony.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.AmiConfig;
import org.relais.gateway.config.CallbacksConfig;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.store.SqliteStore;
import org.relais.gateway.telephony.ami.AmiClient;
import org.relais.gateway.telephony.ami.FakeAmi;
import org.relais.ivr.hours.OpeningHours;

/** Callbacks dialled through a fake Asterisk Manager: when, how often, and what is recorded. */
@Timeout(30)
class CallbackSchedulerTest {

  @TempDir
  Path dir;
  private Vertx vertx;
  private FakeAmi asterisk;
  private SqliteStore store;
  private AmiClient ami;
  private final Metrics metrics = new Metrics();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    asterisk = new FakeAmi("s3cret");
    store = SqliteStore.open(new StoreConfig(dir.resolve("relais.db").toString(), "normal", null));
    ami = new AmiClient(new AmiConfig(true, "127.0.0.1", asterisk.port(), "relais", "s3cret", Duration.ofMillis(50),
        Duration.ofMillis(200), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ZERO));
    vertx.deployVerticle(ami).await(10, TimeUnit.SECONDS);
    await("login", () -> ami.state() == AmiClient.State.CONNECTED);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    store.close();
    asterisk.close();
  }

  private void schedule(Map<String, OpeningHours> hours, Clock clock, int maxAttempts) throws Exception {
    CallbacksConfig config = new CallbacksConfig("PJSIP/{number}@trunk", "relais-callback", "s", "\"Hotline\" <3000>",
        Duration.ofSeconds(20), maxAttempts, Duration.ofMillis(50), Duration.ofMillis(50), 2);
    vertx.deployVerticle(new CallbackScheduler(config, store.callbacks(), ami, hours, clock, metrics))
        .await(10, TimeUnit.SECONDS);
  }

  private Callback register(String number, String hours) throws Exception {
    return store.callbacks().register(new NewCallback(number, "fr", "billing", "billing", hours, "hotline",
        "call:" + number)).await(10, TimeUnit.SECONDS);
  }

  private Callback find(Callback cb) throws Exception {
    return store.callbacks().find(cb.id()).await(10, TimeUnit.SECONDS).orElseThrow();
  }

  @Test
  void shouldDialWhenAnAgentIsFreeAndRecordTheAnswer() throws Exception {
    asterisk.queue("billing", 2, 1, 0, 20, 120);
    Callback cb = register("+21620123456", null);
    schedule(Map.of(), Clock.systemUTC(), 3);
    await("answered", () -> state(cb) == CallbackState.ANSWERED);
    Map<String, String> call = asterisk.actions("Originate").getFirst();
    assertThat(call).containsEntry("Channel", "PJSIP/+21620123456@trunk").containsEntry("Context", "relais-callback")
        .containsEntry("ChannelId", "relais-" + cb.id() + "-1").containsEntry("Timeout", "20000");
    assertThat(find(cb).attempts()).isEqualTo(1);
    assertThat(metrics.counter("relais_callback_attempts_total", "", "outcome").get("answered")).isEqualTo(1);
  }

  @Test
  void shouldWaitWhileNoAgentIsFree() throws Exception {
    asterisk.queue("billing", 2, 0, 4, 300, 200);
    Callback cb = register("+21620123456", null);
    schedule(Map.of(), Clock.systemUTC(), 3);
    await("the queue is looked at", () -> asterisk.actions("QueueSummary").size() >= 3);
    assertThat(asterisk.actions("Originate")).isEmpty();
    assertThat(state(cb)).isEqualTo(CallbackState.PENDING);
    asterisk.queue("billing", 2, 1, 0, 300, 200);
    await("answered once an agent is free", () -> state(cb) == CallbackState.ANSWERED);
  }

  @Test
  void shouldRetryABusyNumberThenGiveUpAfterTheLastAttempt() throws Exception {
    asterisk.queue("billing", 2, 2, 0, 20, 120).reason("21620000005", 5);
    Callback cb = register("+21620000005", null);
    schedule(Map.of(), Clock.systemUTC(), 3);
    await("failed", () -> state(cb) == CallbackState.FAILED);
    assertThat(asterisk.actions("Originate")).hasSize(3);
    assertThat(find(cb).lastOutcome()).isEqualTo("busy");
    assertThat(find(cb).attempts()).isEqualTo(3);
  }

  @Test
  void shouldWaitForTheServiceToOpen() throws Exception {
    asterisk.queue("billing", 2, 2, 0, 20, 120);
    OpeningHours weekdays = OpeningHours.parse("Africa/Tunis", Map.of("mon-fri", "07:30-17:30"), List.of());
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    while (day.getDayOfWeek() != DayOfWeek.SATURDAY) {
      day = day.plusDays(1);
    }
    Clock saturday = Clock.fixed(day.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    Instant mondayMorning = day.plusDays(2).atTime(6, 30).toInstant(ZoneOffset.UTC);
    Callback cb = register("+21620123456", "hotline");
    schedule(Map.of("hotline", weekdays), saturday, 3);
    await("postponed to Monday 07:30 in Tunis", () -> mondayMorning.equals(next(cb)));
    assertThat(asterisk.actions("Originate")).isEmpty();
    assertThat(find(cb).attempts()).isZero();
  }

  private CallbackState state(Callback cb) {
    try {
      return find(cb).state();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Instant next(Callback cb) {
    try {
      return find(cb).nextAttemptAt();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}

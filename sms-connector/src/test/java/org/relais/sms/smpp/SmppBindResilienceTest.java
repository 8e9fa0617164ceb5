package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.sms.OutboundSms;
import org.relais.sms.Priority;
import org.relais.sms.SmsException;

/**
 * A bind against an SMSC that misbehaves, over a socket: throttling storms, connections dropped
 * with submits in flight, slow answers, a peer that goes silent, a stop with submits in flight.
 * Every message handed over has an outcome at the end.
 */
@Timeout(60)
class SmppBindResilienceTest {

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

  private BindConfig.Builder config() {
    return BindConfig.builder("test", "127.0.0.1", smsc.port(), "relais").sourceAddr("1234")
        .reconnect(Duration.ofMillis(50), Duration.ofMillis(500)).responseTimeout(Duration.ofSeconds(2));
  }

  private void bind(BindConfig config) throws InterruptedException {
    bind = new SmppBind(config, port);
    bind.start();
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
  }

  private void send(int n, String prefix) {
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      Priority lane = Priority.values()[i % Priority.values().length];
      ledger.track(id, bind.submit(OutboundSms.builder(id, "+2162000" + (1000 + i), "Message " + i).priority(lane).build()));
    }
  }

  @Test
  void shouldSendEveryMessageThroughAThrottlingStormAndSlowDown() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean holdDown = new java.util.concurrent.atomic.AtomicBoolean(true);
    smsc.respondWith(s -> calls.incrementAndGet() < 150
        && (holdDown.get() || ThreadLocalRandom.current().nextInt(3) > 0)
        ? TestSmsc.refuse(s, ThreadLocalRandom.current().nextBoolean() ? CommandStatus.ESME_RTHROTTLED
            : CommandStatus.ESME_RMSGQFUL)
        : smsc.accept(s));
    bind(config().window(20).tps(2000).build());
    send(300, "t");
    // every submit is refused until the bind is seen to slow down: nothing accepted can raise the rate meanwhile
    long end = System.currentTimeMillis() + 20_000;
    while (bind.status().allowedRate() >= 2000 && calls.get() < 150 && System.currentTimeMillis() < end) {
      Thread.sleep(5);
    }
    assertThat(bind.status().allowedRate()).as("allowed rate under throttling").isLessThan(2000);
    holdDown.set(false);
    Map<String, Integer> outcomes = ledger.settle(smsc, 45_000);
    assertThat(outcomes).containsExactly(Map.entry("submitted", 300));
    BindStatus status = bind.status();
    assertThat(status.throttled()).isPositive();
    assertThat(status.submitted()).isEqualTo(300);
    assertThat(smsc.submits()).hasSize(300 + (int) status.throttled());
  }

  @Test
  void shouldPlaceAgainTheSubmitsInFlightWhenTheConnectionDrops() throws Exception {
    smsc.respondAfter(Duration.ofMillis(200));
    bind(config().window(5).build());
    send(30, "d");
    smsc.awaitSubmits(5, 10_000);
    smsc.dropConnections();
    smsc.respondAfter(Duration.ZERO);
    Map<String, Integer> outcomes = ledger.settle(smsc, 30_000);
    assertThat(outcomes).as("in flight at the drop: sent again, not lost").containsExactly(Map.entry("submitted", 30));
    assertThat(smsc.bindRequests()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldKeepNoMoreThanTheWindowInFlightWithASlowSmsc() throws Exception {
    smsc.respondAfter(Duration.ofMillis(50));
    bind(config().window(4).build());
    send(40, "s");
    Map<String, Integer> outcomes = ledger.settle(smsc, 30_000);
    assertThat(outcomes).containsExactly(Map.entry("submitted", 40));
    assertThat(smsc.maxOutstanding()).isBetween(2, 4);
  }

  @Test
  void shouldDropASilentSmscAndBindAgain() throws Exception {
    bind(config().enquireLink(Duration.ofMillis(100)).responseTimeout(Duration.ofMillis(300))
        .deadPeerTimeout(Duration.ofSeconds(1)).build());
    smsc.mute(true);
    long end = System.currentTimeMillis() + 15_000;
    while (smsc.bindRequests().size() < 2 && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
    assertThat(smsc.bindRequests()).as("a second bind after the silence").hasSizeGreaterThanOrEqualTo(2);
    smsc.mute(false);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
    send(3, "m");
    assertThat(ledger.settle(smsc, 15_000)).containsExactly(Map.entry("submitted", 3));
  }

  @Test
  void shouldKeepALinkThatOnlyReceivesAsAlive() throws Exception {
    // deliver_sm closer together than the enquire_link timer: the socket is never silent long
    // enough for an enquire_link, so only the deliver_sm themselves can show the peer alive.
    bind(config().enquireLink(Duration.ofMillis(100)).responseTimeout(Duration.ofMillis(300))
        .deadPeerTimeout(Duration.ofMillis(800)).build());
    int sent = 0;
    long end = System.currentTimeMillis() + 2_500;
    while (System.currentTimeMillis() < end) {
      assertThat(smsc.deliver(TestSmsc.text("+21620123456", "1234", "Fuite rue " + sent), 5_000)).isZero();
      sent++;
      Thread.sleep(40);
    }
    assertThat(port.texts()).hasSize(sent);
    assertThat(smsc.bindRequests()).as("the link kept, never bound again").hasSize(1);
    assertThat(bind.state()).isEqualTo(BindState.BOUND);
  }

  @Test
  void shouldBindAgainWhenTheSmscSaysWeAreStillBound() throws Exception {
    smsc.refuseBinds(2, CommandStatus.ESME_RALYBND);
    bind(config().build());
    assertThat(smsc.bindRequests()).hasSize(3);
    send(1, "a");
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("submitted", 1));
  }

  @Test
  void shouldFinishTheSubmitsInFlightHandBackTheRestAndUnbindOnStop() throws Exception {
    smsc.respondAfter(Duration.ofMillis(400));
    bind(config().window(3).build());
    send(10, "x");
    smsc.awaitSubmits(3, 10_000);
    bind.stop(Duration.ofSeconds(5));
    Map<String, Integer> outcomes = ledger.settle(smsc, 10_000);
    assertThat(outcomes.get("submitted")).as("the three in flight finished").isGreaterThanOrEqualTo(3);
    assertThat(outcomes.get("submitted") + outcomes.getOrDefault(SmsException.Kind.SHUTDOWN.name(), 0)).isEqualTo(10);
    assertThat(smsc.unbinds()).isEqualTo(1);
    assertThat(bind.state()).isEqualTo(BindState.STOPPED);
    bind = null;
  }

  @Test
  void shouldSendTheRestOfALongMessageInFlightWhenStopping() throws Exception {
    smsc.respondAfter(Duration.ofMillis(300));
    bind(config().build());
    ledger.track("long", bind.submit(OutboundSms.builder("long", "+21620001000", "Relevé de consommation. ".repeat(16))
        .build()));
    smsc.awaitSubmits(1, 10_000);
    bind.stop(Duration.ofSeconds(5));
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("submitted", 1));
    assertThat(smsc.submits()).as("its three parts, the last two sent while stopping").hasSize(3);
    bind = null;
  }

  @Test
  void shouldSendNoFurtherPartOfALongMessageOnceAStopHasCutTheWindow() throws Exception {
    // One token a second: the second part is still waiting for the rate when the grace runs out.
    bind(config().tps(1).build());
    ledger.track("cut", bind.submit(OutboundSms.builder("cut", "+21620001000", "Relevé de consommation. ".repeat(16))
        .build()));
    smsc.awaitSubmits(1, 10_000);
    bind.stop(Duration.ofMillis(100));
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry(SmsException.Kind.SHUTDOWN.name(), 1));
    assertThat(smsc.submits()).as("the first part only").hasSize(1);
    bind = null;
  }

  @Test
  void shouldWriteTheSubmitsWaitingForTheWindowTogether() throws Exception {
    // Binds are refused until every message is queued, so that the session finds them all waiting.
    smsc.refuseBinds(Integer.MAX_VALUE, CommandStatus.ESME_RBINDFAIL);
    smsc.respondAfter(Duration.ofMillis(300));
    bind = new SmppBind(config().window(40).responseTimeout(Duration.ofSeconds(1))
        .reconnect(Duration.ofMillis(200), Duration.ofMillis(400)).build(), port);
    bind.start();
    send(40, "w");
    assertThat(bind.status().queued()).isEqualTo(40);
    smsc.refuseBinds(0, CommandStatus.ESME_RBINDFAIL);
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();
    smsc.awaitSubmits(40, 10_000);
    assertThat(bind.socketWrites()).as("the bind, then the 40 submit_sm in one write").isEqualTo(2);
    assertThat(ledger.settle(smsc, 10_000)).containsExactly(Map.entry("submitted", 40));
  }

  @Test
  void shouldCutTheWaitOfSubmitsInFlightWhenStoppingPastTheGrace() throws Exception {
    smsc.respondAfter(Duration.ofSeconds(20));
    bind(config().window(2).responseTimeout(Duration.ofSeconds(30)).deadPeerTimeout(Duration.ofMinutes(2)).build());
    send(4, "g");
    smsc.awaitSubmits(2, 10_000);
    bind.stop(Duration.ofMillis(200));
    Map<String, Integer> outcomes = ledger.settle(smsc, 10_000);
    assertThat(outcomes).containsExactly(Map.entry(SmsException.Kind.SHUTDOWN.name(), 4));
    bind = null;
  }
}

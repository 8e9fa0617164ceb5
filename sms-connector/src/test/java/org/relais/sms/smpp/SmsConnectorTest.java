package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.relais.sms.OutboundSms;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;

/** Several binds to two SMSCs (cloudhopper, over sockets): routing by prefix, failover, balancing, waiting. */
@Timeout(60)
class SmsConnectorTest {

  private TestSmsc orange;
  private TestSmsc ooredoo;
  private RecordingPort port;
  private SmsConnector connector;
  private final Ledger ledger = new Ledger();

  @BeforeEach
  void start() throws Exception {
    orange = TestSmsc.start();
    ooredoo = TestSmsc.start();
    port = new RecordingPort();
  }

  @AfterEach
  void stop() {
    if (connector != null) {
      connector.stop(Duration.ofSeconds(2));
    }
    orange.close();
    ooredoo.close();
  }

  private BindConfig bind(String name, String group, TestSmsc smsc) {
    return BindConfig.builder(name, "127.0.0.1", smsc.port(), "relais").group(group).sourceAddr("1234")
        .reconnect(Duration.ofMillis(50), Duration.ofMillis(300)).responseTimeout(Duration.ofSeconds(2)).build();
  }

  private static final List<Route> ROUTES = List.of(
      new Route("+2165", List.of("orange", "ooredoo")),
      new Route("+2162", List.of("ooredoo", "orange")));

  private void connect(List<BindConfig> binds, List<Route> routes) throws InterruptedException {
    connector = new SmsConnector(binds, routes, port);
    connector.start();
    assertThat(connector.awaitBound(Duration.ofSeconds(10))).isTrue();
  }

  private void send(String id, String to) {
    ledger.track(id, connector.submit(OutboundSms.builder(id, to, "Message " + id).build()));
  }

  @Test
  void shouldRouteEachNumberToTheGroupOfItsPrefix() throws Exception {
    connect(List.of(bind("orange-1", "orange", orange), bind("ooredoo-1", "ooredoo", ooredoo)), ROUTES);
    send("o1", "+21650000001");
    send("t1", "+21620000001");
    send("o2", "+21651000002");
    assertThat(ledger.settle(null, 10_000)).containsExactly(Map.entry("submitted", 3));
    assertThat(orange.submits()).extracting(s -> s.getDestAddress().getAddress())
        .containsExactlyInAnyOrder("21650000001", "21651000002");
    assertThat(ooredoo.submits()).extracting(s -> s.getDestAddress().getAddress()).containsExactly("21620000001");
    SubmitResult r = connector.submit(OutboundSms.builder("o3", "+21650000003", "x").build()).get(10, TimeUnit.SECONDS);
    assertThat(r.bind()).isEqualTo("orange-1");
    assertThat(r.scope()).isEqualTo("orange");
  }

  @Test
  void shouldFailOverToTheNextGroupWhileAGroupIsDown() throws Exception {
    connect(List.of(bind("orange-1", "orange", orange), bind("ooredoo-1", "ooredoo", ooredoo)), ROUTES);
    orange.requirePassword("changed");
    orange.dropConnections();
    Wait.until("orange down", () -> connector.status().getFirst().state() != BindState.BOUND);
    send("a", "+21650000001");
    send("b", "+21650000002");
    assertThat(ledger.settle(ooredoo, 10_000)).containsExactly(Map.entry("submitted", 2));
    assertThat(ooredoo.submits()).hasSize(2);
    orange.requirePassword(null);
    Wait.until("orange back", () -> connector.status().getFirst().state() == BindState.BOUND);
    SubmitResult back = connector.submit(OutboundSms.builder("c", "+21650000003", "x").build()).get(10, TimeUnit.SECONDS);
    assertThat(back.scope()).as("the preferred group again").isEqualTo("orange");
  }

  @Test
  void shouldSpreadMessagesOverTheBindsOfAGroup() throws Exception {
    orange.respondAfter(Duration.ofMillis(30));
    connect(List.of(bind("orange-1", "orange", orange), bind("orange-2", "orange", orange)), List.of());
    for (int i = 0; i < 40; i++) {
      send("m" + i, "+2165000" + (1000 + i));
    }
    assertThat(ledger.settle(orange, 20_000)).containsExactly(Map.entry("submitted", 40));
    assertThat(connector.status()).allSatisfy(b -> assertThat(b.submitted()).as(b.name()).isPositive());
  }

  @Test
  void shouldKeepMessagesUntilABindOfTheirRouteComesUp() throws Exception {
    orange.requirePassword("later");
    connector = new SmsConnector(List.of(bind("orange-1", "orange", orange)), List.of(), port);
    connector.start();
    send("w1", "+21650000001");
    send("w2", "+21650000002");
    Wait.until("both waiting", () -> connector.parked() == 2);
    orange.requirePassword(null);
    assertThat(ledger.settle(orange, 15_000)).containsExactly(Map.entry("submitted", 2));
    assertThat(connector.parked()).isZero();
  }

  @Test
  void shouldRefuseANumberNoRouteCovers() throws Exception {
    connect(List.of(bind("orange-1", "orange", orange)), List.of(new Route("+216", List.of("orange"))));
    assertThat(connector.hasRoute("+33612345678")).isFalse();
    assertThat(connector.partsFor("+33612345678", "x", false)).isZero();
    assertThatThrownBy(() -> connector.submit(OutboundSms.builder("f", "+33612345678", "x").build()).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(SmsException.class, e -> {
          assertThat(e.kind()).isEqualTo(SmsException.Kind.INVALID);
          assertThat(e.retryable()).isFalse();
        });
  }

  @Test
  void shouldFailWhatWaitsAsRetryableOnStop() throws Exception {
    orange.requirePassword("never");
    connector = new SmsConnector(List.of(bind("orange-1", "orange", orange)), List.of(), port);
    connector.start();
    send("s1", "+21650000001");
    connector.stop(Duration.ofMillis(200));
    assertThat(ledger.settle(null, 5_000)).containsExactly(Map.entry("SHUTDOWN", 1));
    connector = null;
  }

  /** Small waits for conditions, bounded. */
  static final class Wait {
    static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
      long end = System.currentTimeMillis() + 15_000;
      while (!condition.getAsBoolean()) {
        if (System.currentTimeMillis() > end) {
          throw new AssertionError("timed out waiting for " + what);
        }
        Thread.sleep(20);
      }
    }
  }
}

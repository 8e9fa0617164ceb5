package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.bench.AgiLoad;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.config.ConfigLoader;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.telephony.CallLog;
import org.relais.gateway.telephony.IvrSetup;
import org.relais.gateway.telephony.Telephony;
import org.relais.ivr.engine.FlowEngine;
import org.relais.ivr.engine.FlowServices;

/**
 * 2,000 calls held at once by one server (the hotline flow, every one waiting on its first prompt),
 * then released to run to their route: no thread per call, every call served, none left behind.
 */
@Timeout(120)
@ExtendWith(NoBlockedEventLoops.class)
class ConcurrentCallsTest {

  private static final int CALLS = 2_000;
  private static final int AT_ONCE = 250;

  private final Vertx server = Vertx.vertx();
  private final Vertx asterisk = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    asterisk.close().await(30, TimeUnit.SECONDS);
    server.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldHoldTwoThousandCallsAtOnceAndServeThemAll() throws Exception {
    IvrSetup ivr = IvrSetup.load(ConfigLoader.embedded(Map.of()));
    Clock open = Clock.fixed(Instant.parse("2026-03-18T10:00:00Z"), ZoneOffset.UTC);
    FlowEngine engine = new FlowEngine(ivr.prompts(), FlowServices.none(), ivr.hours(), open, "queue:operator");
    AgiConfig config = new AgiConfig(null, 0, 4096, 0, Duration.ofSeconds(60), null, null, null, null, null, null, null);
    AtomicInteger active = new AtomicInteger();
    Metrics metrics = new Metrics();
    int port = Telephony.deployAgi(server, config,
        () -> new AgiServer(config, ivr.flows(), engine, CallLog.none(), metrics, active)).await(30, TimeUnit.SECONDS);

    AgiLoad load = new AgiLoad(asterisk, "127.0.0.1", port, List.of("1", "1", "2"), null);
    Promise<Void> release = Promise.promise();
    List<Future<AgiLoad.Result>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i += AT_ONCE) {
      List<Future<Void>> held = new ArrayList<>();
      for (int j = i; j < Math.min(CALLS, i + AT_ONCE); j++) {
        Promise<Void> h = Promise.promise();
        held.add(h.future());
        calls.add(load.call("hotline", "+2162080" + String.format("%04d", j), h, release.future()));
      }
      Future.all(held).await(30, TimeUnit.SECONDS);
    }
    assertThat(active.get()).as("every call waits on its first prompt, on one server").isEqualTo(CALLS);

    release.complete();
    Future.all(calls).await(60, TimeUnit.SECONDS);
    assertThat(calls).allSatisfy(c -> assertThat(c.result()).isEqualTo(new AgiLoad.Result("queue:outages", false, null)));
    long end = System.currentTimeMillis() + 10_000;
    while (active.get() > 0 && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
    assertThat(active.get()).as("every connection closed by the server").isZero();
    assertThat(metrics.counter("relais_ivr_calls_total", "", "flow", "ending").get("hotline", "routed"))
        .isEqualTo(CALLS);
    load.close();
  }
}

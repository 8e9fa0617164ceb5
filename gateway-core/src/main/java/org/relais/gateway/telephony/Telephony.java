package org.relais.gateway.telephony;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.store.Store;
import org.relais.gateway.telephony.agi.AgiServer;
import org.relais.gateway.telephony.ami.AmiClient;
import org.relais.gateway.telephony.callback.CallbackScheduler;
import org.relais.ivr.engine.FlowEngine;

/**
 * The telephony side of a gateway, started together: the AMI client and the callback scheduler
 * (when {@code ami.enabled}), and the FastAGI server on every event loop running the flows.
 */
public final class Telephony {

  private final int agiPort;
  private final AmiClient ami;

  private Telephony(int agiPort, AmiClient ami) {
    this.agiPort = agiPort;
    this.ami = ami;
  }

  /** Deploys the telephony verticles; completes once the FastAGI server listens. */
  public static Future<Telephony> start(Vertx vertx, RelaisConfig config, IvrSetup ivr, Store store, CaseService cases,
      Metrics metrics, AtomicInteger activeCalls, Clock clock) {
    AmiClient ami = config.ami().enabled() ? new AmiClient(config.ami()) : null;
    Future<?> amiUp = Future.succeededFuture();
    if (ami != null) {
      CallbackScheduler scheduler = new CallbackScheduler(config.callbacks(), store.callbacks(), ami, ivr.hours(), clock,
          metrics);
      amiUp = vertx.deployVerticle(ami).compose(id -> vertx.deployVerticle(scheduler));
      metrics.gauge("relais_ami_up", "1 when the AMI connection is logged in", List.of(),
          () -> List.of(Metrics.Sample.of(ami.state() == AmiClient.State.CONNECTED ? 1 : 0)));
    }
    metrics.gauge("relais_ivr_calls_active", "FastAGI calls in progress", List.of(),
        () -> List.of(Metrics.Sample.of(activeCalls.get())));
    IvrServices services = new IvrServices(store, cases, config.agi(), ami);
    FlowEngine engine = new FlowEngine(ivr.prompts(), services, ivr.hours(), clock, config.agi().operatorRoute());
    return amiUp.compose(v -> deployAgi(vertx, config.agi(), () -> new AgiServer(config.agi(), ivr.flows(), engine,
            store.calls(), metrics, activeCalls, config.ivr().soundPrefix(), store.alerts()::confirmed)))
        .map(port -> new Telephony(port, ami));
  }

  /**
   * Deploys {@code agi.instances} servers sharing the port, one per event loop when 0; with a port
   * of 0 they share one random port. Completes with the port.
   */
  public static Future<Integer> deployAgi(Vertx vertx, AgiConfig config, Supplier<AgiServer> server) {
    int instances = config.instances() > 0 ? config.instances() : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    AtomicReference<AgiServer> first = new AtomicReference<>();
    Supplier<AgiServer> shared = () -> {
      AgiServer s = server.get().shareRandomPort();
      first.compareAndSet(null, s);
      return s;
    };
    DeploymentOptions options = new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP)
        .setInstances(instances);
    return vertx.deployVerticle(shared, options).map(id -> first.get().actualPort());
  }

  public int agiPort() {
    return agiPort;
  }

  /** The AMI client, or null when the AMI is not enabled. */
  public AmiClient ami() {
    return ami;
  }
}

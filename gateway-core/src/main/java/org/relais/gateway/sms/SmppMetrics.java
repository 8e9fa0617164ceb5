package org.relais.gateway.sms;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.relais.gateway.metrics.Metrics;
import org.relais.sms.smpp.BindState;
import org.relais.sms.smpp.BindStatus;
import org.relais.sms.smpp.SmsConnector;

/** The SMSC binds in /metrics: their state and window (gauges), their submit rate, and their counters. */
public final class SmppMetrics {

  private static final List<String> BIND = List.of("bind");

  private SmppMetrics() {}

  public static void register(Metrics metrics, SmsConnector connector) {
    gauge(metrics, connector, "relais_smpp_bind_up", "1 when every session of the bind is bound",
        b -> b.state() == BindState.BOUND ? 1 : 0);
    gauge(metrics, connector, "relais_smpp_window_in_use", "Submits waiting for their response", BindStatus::windowInUse);
    gauge(metrics, connector, "relais_smpp_queued", "Messages waiting for the bind's window", BindStatus::queued);
    gauge(metrics, connector, "relais_smpp_submit_rate", "Parts submitted per second, over the last 10 s",
        BindStatus::submitRate);
    gauge(metrics, connector, "relais_smpp_allowed_rate", "Submits per second allowed now (tps, lowered while throttled)",
        BindStatus::allowedRate);
    counter(metrics, connector, "relais_smpp_submitted_parts_total", "Parts accepted by the SMSC since start",
        BindStatus::submitted);
    counter(metrics, connector, "relais_smpp_throttled_total", "ESME_RTHROTTLED / ESME_RMSGQFUL answers since start",
        BindStatus::throttled);
    counter(metrics, connector, "relais_smpp_rejected_total", "Submits refused for good by the SMSC since start",
        BindStatus::rejected);
    counter(metrics, connector, "relais_smpp_failed_total",
        "Messages handed back after repeated temporary failures, or that the SMSC could not take", BindStatus::failed);
    counter(metrics, connector, "relais_smpp_received_total", "Texts and parts committed since start", BindStatus::received);
    counter(metrics, connector, "relais_smpp_receipts_total", "Delivery receipts committed since start",
        BindStatus::receipts);
    counter(metrics, connector, "relais_smpp_malformed_total", "PDUs refused as malformed since start",
        BindStatus::malformed);
    metrics.gauge("relais_smpp_waiting_for_a_bind", "Messages whose route has no bind up", List.of(),
        () -> List.of(Metrics.Sample.of(connector.parked())));
  }

  private static void gauge(Metrics metrics, SmsConnector connector, String name, String help,
      ToDoubleFunction<BindStatus> value) {
    metrics.gauge(name, help, BIND, () -> samples(connector, value));
  }

  private static void counter(Metrics metrics, SmsConnector connector, String name, String help,
      ToDoubleFunction<BindStatus> value) {
    metrics.counter(name, help, BIND, () -> samples(connector, value));
  }

  private static List<Metrics.Sample> samples(SmsConnector connector, ToDoubleFunction<BindStatus> value) {
    return connector.status().stream().map(b -> Metrics.Sample.of(value.applyAsDouble(b), b.name())).toList();
  }
}

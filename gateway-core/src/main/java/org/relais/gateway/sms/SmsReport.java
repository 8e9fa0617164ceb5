package org.relais.gateway.sms;

import java.util.List;
import org.relais.gateway.metrics.Metrics;
import org.relais.sms.smpp.BindStatus;
import org.relais.sms.smpp.SmsConnector;

/**
 * Outbound SMS as /health shows it: messages in memory and the limit, those waiting for a bind of
 * their route, and each bind with its receipt latency (submit to receipt, in milliseconds).
 */
public record SmsReport(int inFlight, int maxInFlight, int parked, List<Bind> binds) {

  /** A bind's status and the latency of its receipts (NaN before the first one). */
  public record Bind(BindStatus status, double receiptP50Ms, double receiptP99Ms, long receiptsMatched) {}

  public static SmsReport of(SmsConnector connector, OutboundDispatcher dispatcher, Metrics metrics) {
    Metrics.Histogram latency = metrics.histogram(InboundSink.RECEIPT_LATENCY, InboundSink.RECEIPT_LATENCY_HELP,
        Metrics.Histogram.LATENCY_SECONDS, "bind");
    List<Bind> binds = connector.status().stream()
        .map(b -> new Bind(b, latency.quantile(0.5, b.name()) * 1000, latency.quantile(0.99, b.name()) * 1000,
            latency.count(b.name())))
        .toList();
    return new SmsReport(dispatcher.inFlight(), dispatcher.capacity(), connector.parked(), binds);
  }
}

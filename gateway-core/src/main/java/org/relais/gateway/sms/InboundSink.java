package org.relais.gateway.sms;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.relais.gateway.metrics.Metrics;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundPort;
import org.relais.sms.InboundSms;
import org.relais.sms.receipt.DeliveryReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's {@link InboundPort}: commits texts (once, however often the SMSC delivers them),
 * the parts of concatenated texts (joined in the transaction of the last one) and receipts, then
 * hands new texts to the processor on the gateway's context. A periodic sweep delivers, marked
 * incomplete, the texts whose missing parts did not come within the reassembly timeout.
 */
public final class InboundSink implements InboundPort {

  static final String RECEIPT_LATENCY = "relais_smpp_receipt_latency_seconds";
  static final String RECEIPT_LATENCY_HELP = "Time from a part's submit to its receipt, by the bind that submitted it";

  private static final Logger log = LoggerFactory.getLogger(InboundSink.class);

  private final Context context;
  private final InboundStore inbound;
  private final MessageStore messages;
  private final Duration dedupeWindow;
  private final Duration reassemblyTimeout;
  private final Consumer<InboundMessage> processor;
  private final Metrics.Counter received;
  private final Metrics.Counter receipts;
  private final Metrics.Histogram receiptLatency;
  private long sweeper = -1;

  public InboundSink(Context context, InboundStore inbound, MessageStore messages, Duration dedupeWindow,
      Duration reassemblyTimeout, Consumer<InboundMessage> processor, Metrics metrics) {
    this.context = context;
    this.inbound = inbound;
    this.messages = messages;
    this.dedupeWindow = dedupeWindow;
    this.reassemblyTimeout = reassemblyTimeout;
    this.processor = processor;
    this.received = metrics.counter("relais_sms_received_total", "Inbound texts and parts by outcome of the commit",
        "outcome");
    this.receipts = metrics.counter("relais_sms_receipts_total", "Delivery receipts by match: matched, waited (for their submit result), early (kept until it)", "match");
    this.receiptLatency = metrics.histogram(RECEIPT_LATENCY, RECEIPT_LATENCY_HELP, Metrics.Histogram.LATENCY_SECONDS,
        "bind");
  }

  @Override
  public CompletionStage<Void> accept(InboundSms sms) {
    return inbound.insert(sms, dedupeWindow).<Void>map(inserted -> {
      received.inc(inserted.isNew() ? "new" : "duplicate");
      if (inserted.isNew()) {
        process(List.of(new InboundMessage(inserted.id(), sms.source(), sms.destination(), sms.text(),
            sms.receivedAt())));
      }
      return null;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> acceptPart(InboundPart part) {
    return inbound.insertPart(part, dedupeWindow).<Void>map(outcome -> {
      received.inc(switch (outcome.kind()) {
        case WAITING -> "part";
        case COMPLETED -> "joined";
        case DUPLICATE -> "duplicate";
        case LATE -> "late_part";
      });
      process(outcome.completed());
      return null;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> receipt(String scope, String bind, DeliveryReceipt receipt) {
    return messages.receipt(scope, receipt).<Void>map(match -> {
      receipts.inc(!match.matched() ? "early" : match.waited() ? "waited" : "matched");
      if (match.latency() != null) {
        receiptLatency.observe(match.latency().toNanos() / 1e9, match.bind());
      }
      return null;
    }).toCompletionStage();
  }

  /** Starts the sweep of texts whose missing parts are late; runs on the caller's context. */
  public void startSweeping(io.vertx.core.Vertx vertx) {
    long every = Math.max(200, Math.min(10_000, reassemblyTimeout.toMillis() / 4));
    sweeper = vertx.setPeriodic(every, t -> sweep());
  }

  public void stopSweeping(io.vertx.core.Vertx vertx) {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
  }

  /** Delivers, marked incomplete, every text that waited past the reassembly timeout for its parts. */
  public Future<Integer> sweep() {
    Instant now = Instant.now();
    return inbound.expireParts(now.minus(reassemblyTimeout), now.minus(dedupeWindow)).map(texts -> {
      if (!texts.isEmpty()) {
        log.warn("inbound: {} texts delivered without all their parts after {}", texts.size(), reassemblyTimeout);
        received.add(texts.size(), "incomplete");
      }
      process(texts);
      return texts.size();
    });
  }

  private void process(List<InboundMessage> texts) {
    for (InboundMessage message : texts) {
      context.runOnContext(v -> processor.accept(message));
    }
  }
}

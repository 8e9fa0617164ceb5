package org.relais.gateway.sms;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.relais.gateway.metrics.Metrics;
import org.relais.sms.InboundPort;
import org.relais.sms.InboundSms;
import org.relais.sms.receipt.DeliveryReceipt;

/**
 * The connector's {@link InboundPort}: commits texts (once, however often the SMSC delivers them)
 * and receipts, then hands new texts to the processor on the gateway's context.
 */
public final class InboundSink implements InboundPort {

  private final Context context;
  private final InboundStore inbound;
  private final MessageStore messages;
  private final Duration dedupeWindow;
  private final Consumer<InboundMessage> processor;
  private final Metrics.Counter received;
  private final Metrics.Counter receipts;

  public InboundSink(Context context, InboundStore inbound, MessageStore messages, Duration dedupeWindow,
      Consumer<InboundMessage> processor, Metrics metrics) {
    this.context = context;
    this.inbound = inbound;
    this.messages = messages;
    this.dedupeWindow = dedupeWindow;
    this.processor = processor;
    this.received = metrics.counter("relais_sms_received_total", "Inbound texts by outcome of the commit", "outcome");
    this.receipts = metrics.counter("relais_sms_receipts_total", "Delivery receipts by match", "match");
  }

  @Override
  public CompletionStage<Void> accept(InboundSms sms) {
    return inbound.insert(sms, dedupeWindow).<Void>map(inserted -> {
      received.inc(inserted.isNew() ? "new" : "duplicate");
      if (inserted.isNew()) {
        InboundMessage message = new InboundMessage(inserted.id(), sms.source(), sms.destination(), sms.text(),
            sms.receivedAt());
        context.runOnContext(v -> processor.accept(message));
      }
      return null;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> receipt(String bind, DeliveryReceipt receipt) {
    return messages.receipt(bind, receipt).<Void>map(match -> {
      receipts.inc(match.matched() ? "matched" : "early");
      return null;
    }).toCompletionStage();
  }
}

package org.relais.sms;

import java.util.concurrent.CompletionStage;
import org.relais.sms.receipt.DeliveryReceipt;

/**
 * What gateway-core implements so that the connector can hand over what the SMSC delivers. The
 * SMSC is answered only once the returned stage completes: when it fails, the connector answers
 * with a temporary error and the SMSC delivers again, so nothing is lost.
 */
public interface InboundPort {

  /** Commits a text a citizen sent. A redelivery (same dedupe key) completes normally, once committed. */
  CompletionStage<Void> accept(InboundSms sms);

  /** Commits a delivery receipt for a message sent through {@code bind}. */
  CompletionStage<Void> receipt(String bind, DeliveryReceipt receipt);
}

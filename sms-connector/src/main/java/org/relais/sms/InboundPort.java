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

  /**
   * Commits one part of a concatenated text; the part that completes its message is committed
   * together with the joined text (see {@link InboundPart#join}). A redelivered part completes
   * normally and counts once.
   */
  CompletionStage<Void> acceptPart(InboundPart part);

  /**
   * Commits a delivery receipt. {@code scope} is the group of the bind it came on: an SMSC may
   * send the receipt on another bind of the same group than the one that submitted.
   */
  CompletionStage<Void> receipt(String scope, String bind, DeliveryReceipt receipt);
}

package org.relais.sms;

import java.util.List;

/**
 * A message the SMSC accepted: the bind that carried it, the group its receipts may come back on
 * ({@code scope}), and the SMSC message id of each part, in order and in canonical form (see
 * {@link org.relais.sms.receipt.SmscMessageIds}).
 */
public record SubmitResult(String messageId, String bind, String scope, List<String> smscMessageIds) {

  public SubmitResult {
    smscMessageIds = List.copyOf(smscMessageIds);
  }
}

package org.relais.gateway.handoff;

import java.time.Instant;

/**
 * What the core said when it accepted a case: its id (or, from an Open311 server that answers
 * later, a token to resolve), its tracking number and its announced response date, when given.
 */
public record CoreReceipt(String coreId, String token, String trackingNumber, Instant expectedResponse) {

  public static CoreReceipt id(String coreId, String trackingNumber, Instant expectedResponse) {
    return new CoreReceipt(coreId, null, trackingNumber, expectedResponse);
  }
}

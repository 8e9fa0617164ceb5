package org.relais.gateway.telephony.directory;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * What the IVR's look-ups read beyond cases: customer accounts and the numbers they call from,
 * and suppliers' invoices. Filled by the administration's systems (or the demo).
 */
public interface Directory {

  /** The account a number calls from, if one is known. */
  Future<Optional<String>> accountByMsisdn(String msisdn);

  /** True when the account exists. */
  Future<Boolean> accountExists(String account);

  /** Where an invoice's payment stands, if the invoice is known. */
  Future<Optional<InvoiceStatus>> invoice(String invoice);

  /** Creates or updates an account and the number it calls from. */
  Future<Void> putAccount(String account, String msisdn);

  /** Creates or updates an invoice. */
  Future<Void> putInvoice(String invoice, String supplier, InvoiceStatus status, Long amountCents);
}

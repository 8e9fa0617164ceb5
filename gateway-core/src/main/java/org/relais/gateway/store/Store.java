package org.relais.gateway.store;

import org.relais.gateway.alerts.AlertStore;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.handoff.Cursors;
import org.relais.gateway.indicators.IndicatorStore;
import org.relais.gateway.notify.BatchStore;
import org.relais.gateway.notify.ConsumptionStore;
import org.relais.gateway.sms.InboundStore;
import org.relais.gateway.sms.MessageStore;
import org.relais.gateway.subscribers.SubscriberStore;
import org.relais.gateway.telephony.CallLog;
import org.relais.gateway.telephony.callback.CallbackStore;
import org.relais.gateway.telephony.directory.Directory;

/** The store as the gateway sees it: one port per capability, and its health. */
public interface Store extends AutoCloseable {

  MessageStore messages();

  InboundStore inbound();

  CaseStore cases();

  SubscriberStore subscribers();

  Cursors cursors();

  IndicatorStore indicators();

  CallLog calls();

  CallbackStore callbacks();

  Directory directory();

  BatchStore batches();

  ConsumptionStore consumption();
  AlertStore alerts();

  /** Where the data lives and whether the last commit succeeded, for /health. */
  StoreHealth health();

  @Override
  void close();

  /** The store's state for /health. */
  record StoreHealth(boolean up, String location, int schemaVersion, long commits, long writes, long syncs,
      String lastError) {}
}

package org.relais.gateway.store;

import org.relais.gateway.alerts.AlertStore;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.config.StoreConfig;
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

/** The embedded SQLite store. */
public final class SqliteStore implements Store {

  private final Database db;
  private final SqliteMessageStore messages;
  private final SqliteInboundStore inbound;
  private final SqliteCaseStore cases;
  private final SqliteSubscriberStore subscribers;
  private final SqliteCursors cursors;
  private final SqliteIndicatorStore indicators;
  private final SqliteCallLog calls;
  private final SqliteCallbackStore callbacks;
  private final SqliteDirectory directory;
  private final SqliteBatchStore batches;
  private final SqliteConsumptionStore consumption;
  private final SqliteAlertStore alerts;

  private SqliteStore(Database db) {
    this.db = db;
    this.messages = new SqliteMessageStore(db);
    this.inbound = new SqliteInboundStore(db);
    this.cases = new SqliteCaseStore(db);
    this.subscribers = new SqliteSubscriberStore(db);
    this.cursors = new SqliteCursors(db);
    this.indicators = new SqliteIndicatorStore(db);
    this.calls = new SqliteCallLog(db);
    this.callbacks = new SqliteCallbackStore(db);
    this.directory = new SqliteDirectory(db);
    this.batches = new SqliteBatchStore(db);
    this.consumption = new SqliteConsumptionStore(db);
    this.alerts = new SqliteAlertStore(db);
  }

  /** Opens the file, creating it and migrating its schema as needed. */
  public static SqliteStore open(StoreConfig config) {
    return new SqliteStore(Database.open(config));
  }

  @Override
  public MessageStore messages() {
    return messages;
  }

  @Override
  public InboundStore inbound() {
    return inbound;
  }

  @Override
  public CaseStore cases() {
    return cases;
  }

  @Override
  public SubscriberStore subscribers() {
    return subscribers;
  }

  @Override
  public Cursors cursors() {
    return cursors;
  }

  @Override
  public IndicatorStore indicators() {
    return indicators;
  }

  @Override
  public CallLog calls() {
    return calls;
  }

  @Override
  public CallbackStore callbacks() {
    return callbacks;
  }

  @Override
  public Directory directory() {
    return directory;
  }

  /** The database underneath (its writer runs every write): for tools and fault tests. */
  public Database database() {
    return db;
  }

  @Override
  public BatchStore batches() {
    return batches;
  }

  @Override
  public ConsumptionStore consumption() {
    return consumption;
  }

  @Override
  public AlertStore alerts() {
    return alerts;
  }

  @Override
  public StoreHealth health() {
    return new StoreHealth(db.isOpen() && db.lastError() == null, db.path().toString(), db.schemaVersion(),
        db.commits(), db.committedWrites(), db.syncs(), db.lastError());
  }

  @Override
  public void close() {
    db.close();
  }
}

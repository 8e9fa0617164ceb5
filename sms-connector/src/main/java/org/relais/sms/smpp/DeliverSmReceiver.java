package org.relais.sms.smpp;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.relais.sms.InboundPort;
import org.relais.sms.smpp.DeliverSmReader.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives deliver_sm on jSMPP's processing threads (never an event loop) and answers only after
 * gateway-core committed what it carried; a failed or late commit answers ESME_RX_T_APPN so the
 * SMSC delivers again.
 */
final class DeliverSmReceiver implements MessageReceiverListener {

  private static final Logger log = LoggerFactory.getLogger(DeliverSmReceiver.class);

  private final BindConfig config;
  private final InboundPort port;
  private final DeliverSmReader reader;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong receipts = new AtomicLong();

  DeliverSmReceiver(BindConfig config, InboundPort port) {
    this.config = config;
    this.port = port;
    this.reader = new DeliverSmReader(config.name(), config.defaultAlphabet());
  }

  @Override
  public void onAcceptDeliverSm(DeliverSm pdu) throws ProcessRequestException {
    Optional<Delivery> delivery;
    try {
      delivery = reader.read(pdu, Instant.now());
    } catch (RuntimeException e) {
      log.warn("bind {}: unreadable deliver_sm ({}); answered ESME_RX_P_APPN", config.name(), e.toString());
      throw new ProcessRequestException("unreadable deliver_sm", CommandStatus.ESME_RX_P_APPN);
    }
    if (delivery.isEmpty()) {
      log.warn("bind {}: a receipt without id or status; acknowledged and ignored", config.name());
      return;
    }
    switch (delivery.get()) {
      case DeliverSmReader.Text text -> {
        commit(port.accept(text.sms()), "text");
        received.incrementAndGet();
      }
      case DeliverSmReader.Receipt receipt -> {
        commit(port.receipt(config.name(), receipt.receipt()), "receipt");
        receipts.incrementAndGet();
      }
    }
  }

  private void commit(CompletionStage<Void> stage, String what) throws ProcessRequestException {
    try {
      stage.toCompletableFuture().get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      log.warn("bind {}: could not commit a {} ({}); answered ESME_RX_T_APPN so the SMSC delivers it again",
          config.name(), what, String.valueOf(cause));
      throw new ProcessRequestException("commit failed", CommandStatus.ESME_RX_T_APPN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessRequestException("interrupted", CommandStatus.ESME_RX_T_APPN);
    }
  }

  @Override
  public void onAcceptAlertNotification(AlertNotification alertNotification) {
    log.debug("bind {}: alert_notification ignored", config.name());
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw new ProcessRequestException("data_sm is not supported", CommandStatus.ESME_RINVCMDID);
  }

  long received() {
    return received.get();
  }

  long receipts() {
    return receipts.get();
  }
}

package org.relais.sms.smpp;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;
import org.relais.sms.InboundPort;
import org.relais.sms.smpp.DeliverSmReader.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each deliver_sm and data_sm of a bind's sessions: checks and decodes it, hands what it
 * carries to the {@link InboundPort}, and answers once the port committed it (ESME_ROK), or with
 * ESME_RX_T_APPN when the commit failed or took longer than the response timeout, so the SMSC
 * delivers it again. A malformed PDU is answered at once with the status SMPP 3.4 gives for its
 * fault. Nothing here blocks the session's reader: an answer goes out from the thread that
 * completes the commit (never the store's writer: gateway-core completes off it); an answer given
 * on the reader itself (a malformed PDU, a commit done at once) is appended to the output and sent
 * by a thread of the session's ({@link EsmeSession#respond}), so the reader reads on even while
 * the SMSC reads nothing.
 */
final class InboundHandler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);
  private static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();
  /** Commits awaited at once per bind; beyond, the SMSC is asked to slow down. */
  private static final int MAX_PENDING = 5_000;

  private final BindConfig config;
  private final InboundPort port;
  private final DeliverSmReader reader;
  private final Deadlines deadlines;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong receipts = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();

  InboundHandler(BindConfig config, InboundPort port) {
    this.config = config;
    this.port = port;
    this.reader = new DeliverSmReader(config.name(), config.defaultAlphabet(), config.receiptIds());
    this.deadlines = new Deadlines(config.responseTimeout(), "not committed");
  }

  /** Handles one deliver_sm or data_sm (its whole PDU, header included) read on {@code session}. */
  void handle(EsmeSession session, int commandId, int sequence, byte[] pdu) {
    boolean dataSm = commandId == SMPPConstant.CID_DATA_SM;
    int layout = dataSm ? PduCheck.dataSm(pdu) : PduCheck.deliverSm(pdu);
    if (layout != CommandStatus.ESME_ROK) {
      malformed(session, commandId, sequence, layout, "its layout");
      return;
    }
    AbstractSmCommand command;
    byte[] shortMessage;
    try {
      if (dataSm) {
        command = DECOMPOSER.dataSm(pdu);
        shortMessage = null;
      } else {
        DeliverSm deliverSm = DECOMPOSER.deliverSm(pdu);
        command = deliverSm;
        shortMessage = deliverSm.getShortMessage();
      }
    } catch (PDUStringException e) {
      malformed(session, commandId, sequence, e.getErrorCode(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      malformed(session, commandId, sequence, CommandStatus.ESME_RINVOPTPARAMVAL, "a TLV value: " + e);
      return;
    }
    Optional<Delivery> delivery;
    try {
      delivery = reader.read(command, shortMessage, Instant.now());
    } catch (RuntimeException e) {
      malformed(session, commandId, sequence, CommandStatus.ESME_RX_P_APPN, "its content: " + e);
      return;
    }
    if (delivery.isEmpty()) {
      log.warn("bind {}: a receipt without id or status; acknowledged and ignored", config.name());
      respond(session, commandId, sequence, CommandStatus.ESME_ROK);
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      log.warn("bind {}: {} commits already waiting; answered ESME_RTHROTTLED", config.name(), MAX_PENDING);
      respond(session, commandId, sequence, CommandStatus.ESME_RTHROTTLED);
      return;
    }
    Delivery d = delivery.get();
    deadlines.within(commit(d).toCompletableFuture())
        .whenComplete((v, error) -> {
          pending.decrementAndGet();
          if (error == null) {
            count(d);
            respond(session, commandId, sequence, CommandStatus.ESME_ROK);
          } else {
            log.warn("bind {}: could not commit a {} ({}); answered ESME_RX_T_APPN so the SMSC delivers it again",
                config.name(), what(d), String.valueOf(error instanceof CompletionException c
                    && c.getCause() != null ? c.getCause() : error));
            if (session.onReader()) {
              // A commit that failed at once: the reader only appends its answer.
              respond(session, commandId, sequence, CommandStatus.ESME_RX_T_APPN);
            } else {
              // A timeout completes on the one thread that watches every bind's deadlines: the
              // answer, which may wait on the socket, is written from a thread of its own.
              Thread.ofVirtual().name("smpp-answer").start(
                  () -> respond(session, commandId, sequence, CommandStatus.ESME_RX_T_APPN));
            }
          }
        });
  }

  private CompletionStage<Void> commit(Delivery delivery) {
    try {
      return switch (delivery) {
        case DeliverSmReader.Text t -> port.accept(t.sms());
        case DeliverSmReader.Part p -> port.acceptPart(p.part());
        case DeliverSmReader.Receipt r -> port.receipt(config.group(), config.name(), r.receipt());
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void count(Delivery delivery) {
    switch (delivery) {
      case DeliverSmReader.Text t -> received.incrementAndGet();
      case DeliverSmReader.Part p -> received.incrementAndGet();
      case DeliverSmReader.Receipt r -> receipts.incrementAndGet();
    }
  }

  private static String what(Delivery delivery) {
    return switch (delivery) {
      case DeliverSmReader.Text t -> "text";
      case DeliverSmReader.Part p -> "part of a text";
      case DeliverSmReader.Receipt r -> "receipt";
    };
  }

  private void malformed(EsmeSession session, int commandId, int sequence, int status, String fault) {
    malformed.incrementAndGet();
    log.warn("bind {}: malformed {} (sequence {}): {}; answered {}", config.name(),
        commandId == SMPPConstant.CID_DATA_SM ? "data_sm" : "deliver_sm", sequence, fault, CommandStatus.name(status));
    respond(session, commandId, sequence, status);
  }

  private void respond(EsmeSession session, int commandId, int sequence, int status) {
    try {
      session.respond(commandId, status, sequence);
    } catch (IOException | RuntimeException e) {
      log.debug("bind {}: answer to sequence {} not sent ({}); the SMSC will deliver again", config.name(), sequence,
          e.toString());
    }
  }

  long received() {
    return received.get();
  }

  long receipts() {
    return receipts.get();
  }

  long malformed() {
    return malformed.get();
  }

  @Override
  public void close() {
    // Answers go out on the threads that complete the commits; a commit left waiting is answered
    // on a session that is closing, if at all, and the SMSC delivers it again.
    deadlines.close();
  }
}

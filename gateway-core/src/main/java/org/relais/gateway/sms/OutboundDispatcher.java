package org.relais.gateway.sms;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;
import org.relais.sms.smpp.SmsConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound queue: a message is committed (state queued) before anything else, then handed to
 * the SMS connector; the SMSC's answer is recorded (submitted, rejected) and a temporary failure
 * sends the message back after a backoff. At start, what is still queued is resumed, so a message
 * in flight at a crash may go twice but never zero times.
 */
public final class OutboundDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);
  private static final int RESUME_BATCH = 10_000;
  private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

  private final Context context;
  private final MessageStore store;
  private final SmsConnector connector;
  private final Metrics.Counter accepted;
  private final Metrics.Counter outcomes;

  public OutboundDispatcher(Context context, MessageStore store, SmsConnector connector, Metrics metrics) {
    this.context = context;
    this.store = store;
    this.connector = connector;
    this.accepted = metrics.counter("relais_sms_accepted_total", "Outbound messages committed to the queue");
    this.outcomes = metrics.counter("relais_sms_submit_outcomes_total", "Submit outcomes of outbound messages",
        "outcome");
  }

  /** The number of parts a text takes, or 0 when it cannot be sent (too long). */
  public int partsFor(String text, boolean transliterate) {
    return connector.partsFor(text, transliterate);
  }

  /** Commits a message, then sends it; completes once committed (not once sent). */
  public Future<OutboundMessage> send(NewMessage message) {
    return store.insert(message).onSuccess(m -> {
      accepted.inc();
      dispatch(m);
    });
  }

  /** Sends again every message still queued (after a restart); completes with their number. */
  public Future<Integer> resume() {
    return store.queued(RESUME_BATCH).map(queued -> {
      queued.forEach(this::dispatch);
      if (!queued.isEmpty()) {
        log.info("outbound: resumed {} queued messages", queued.size());
      }
      return queued.size();
    });
  }

  private void dispatch(OutboundMessage message) {
    if (message.request().validity() != null
        && message.createdAt().plus(message.request().validity()).isBefore(Instant.now())) {
      store.failed(message.id(), MessageState.EXPIRED, "validity passed before it could be submitted");
      outcomes.inc("expired");
      return;
    }
    CompletableFuture<SubmitResult> submit = connector.submit(message.toSms());
    submit.whenComplete((result, error) -> context.runOnContext(v -> onResult(message, result, error)));
  }

  private void onResult(OutboundMessage message, SubmitResult result, Throwable error) {
    if (error == null) {
      outcomes.inc("submitted");
      store.submitted(result).onFailure(e -> log.error("outbound: cannot record submit of {}: {}", message.id(),
          e.getMessage()));
      return;
    }
    Throwable cause = error instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null
        ? ce.getCause() : error;
    SmsException sms = cause instanceof SmsException s ? s
        : new SmsException(SmsException.Kind.TEMPORARY, 0, String.valueOf(cause), cause);
    if (sms.kind() == SmsException.Kind.SHUTDOWN) {
      return;
    }
    if (!sms.retryable()) {
      outcomes.inc("rejected");
      MessageState state = sms.kind() == SmsException.Kind.REJECTED ? MessageState.REJECTED : MessageState.FAILED;
      log.warn("outbound: message {} to {} {}: {}", message.id(), PhoneNumbers.mask(message.request().destination()),
          state.label(), sms.getMessage());
      store.failed(message.id(), state, sms.getMessage());
      return;
    }
    outcomes.inc("retry");
    int attempt = message.attempts() + 1;
    long delay = Math.min(MAX_RETRY_DELAY.toMillis(), 1000L << Math.min(20, attempt));
    store.retry(message.id(), sms.getMessage()).onComplete(v -> context.owner().setTimer(delay, t -> dispatch(
        new OutboundMessage(message.id(), message.request(), MessageState.QUEUED, message.bind(), sms.getMessage(),
            attempt, message.createdAt(), Instant.now()))));
  }
}

package org.relais.gateway.telephony.callback;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.config.CallbacksConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.telephony.ami.AmiClient;
import org.relais.gateway.telephony.ami.OriginateOutcome;
import org.relais.gateway.telephony.ami.OriginateRequest;
import org.relais.gateway.telephony.ami.OriginateResult;
import org.relais.gateway.telephony.ami.QueueSummary;
import org.relais.ivr.hours.HoursState;
import org.relais.ivr.hours.OpeningHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials due callbacks through the AMI: every {@code callbacks.poll}, while the AMI is up, it takes
 * the callbacks due, puts off those whose service is closed until it opens, and dials the others
 * when their queue has a free agent (no more than the free agents, nor than
 * {@code callbacks.max_in_flight} at once). An answered call is done; a busy, unanswered,
 * congested or failed one is tried again after {@code callbacks.retry_delay}, up to
 * {@code callbacks.max_attempts}. Every attempt is recorded.
 */
public final class CallbackScheduler extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(CallbackScheduler.class);

  private final CallbacksConfig config;
  private final CallbackStore store;
  private final AmiClient ami;
  private final Map<String, OpeningHours> hours;
  private final Clock clock;
  private final Metrics.Counter outcomes;
  private int inFlight;
  private boolean busy;
  private long timer = -1;

  public CallbackScheduler(CallbacksConfig config, CallbackStore store, AmiClient ami, Map<String, OpeningHours> hours,
      Clock clock, Metrics metrics) {
    this.config = config;
    this.store = store;
    this.ami = ami;
    this.hours = Map.copyOf(hours);
    this.clock = clock;
    this.outcomes = metrics.counter("relais_callback_attempts_total", "Callback calls placed, by outcome", "outcome");
  }

  @Override
  public Future<?> start() {
    return store.resumeDialling().onSuccess(n -> {
      if (n > 0) {
        log.info("{} callbacks left dialling by the last stop are pending again", n);
      }
      timer = vertx.setPeriodic(config.poll().toMillis(), t -> tick());
    });
  }

  /** One look at the due callbacks; never two at once. */
  void tick() {
    if (busy || ami.state() != AmiClient.State.CONNECTED || inFlight >= config.maxInFlight()) {
      return;
    }
    busy = true;
    Instant now = clock.instant();
    Map<String, Integer> dialled = new HashMap<>();
    store.due(now, config.maxInFlight() - inFlight)
        .compose(due -> {
          Future<?> chain = Future.succeededFuture();
          for (Callback cb : due) {
            chain = chain.compose(v -> consider(cb, now, dialled));
          }
          return chain;
        })
        .onFailure(e -> log.warn("callbacks: {}", e.toString()))
        .onComplete(v -> busy = false);
  }

  private Future<?> consider(Callback cb, Instant now, Map<String, Integer> dialled) {
    OpeningHours open = cb.hours() == null ? null : hours.get(cb.hours());
    if (open != null && open.state(now) != HoursState.OPEN) {
      Optional<Instant> next = open.nextOpening(now);
      if (next.isEmpty()) {
        return record(cb, cb.attempts() + 1, new OriginateResult(OriginateOutcome.FAILED,
            "service " + cb.hours() + " never opens", null), true);
      }
      return store.postpone(cb.id(), next.get());
    }
    if (inFlight >= config.maxInFlight()) {
      return Future.succeededFuture();
    }
    return here(ami.queueSummary(cb.queue())).compose(summary -> {
      int free = summary.map(QueueSummary::available).orElse(0) - dialled.getOrDefault(cb.queue(), 0);
      if (free <= 0) {
        return Future.succeededFuture();
      }
      return store.claim(cb.id()).onSuccess(claimed -> {
        if (claimed) {
          dialled.merge(cb.queue(), 1, Integer::sum);
          dial(cb);
        }
      });
    });
  }

  private void dial(Callback cb) {
    inFlight++;
    int attempt = cb.attempts() + 1;
    String channelId = "relais-" + cb.id() + "-" + attempt;
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("RELAIS_CALLBACK_ID", cb.id());
    variables.put("RELAIS_CALLBACK_QUEUE", cb.queue());
    variables.put("RELAIS_LANGUAGE", cb.language());
    if (cb.topic() != null && !cb.topic().isBlank()) {
      variables.put("RELAIS_TOPIC", cb.topic());
    }
    OriginateRequest request = OriginateRequest.of(config.channelFor(cb.msisdn()), config.context(), config.exten(),
        config.ringTimeout(), channelId).withCallerId(config.callerId()).withVariables(variables);
    here(ami.originate(request))
        .recover(e -> Future.succeededFuture(new OriginateResult(OriginateOutcome.FAILED, e.getMessage(), channelId)))
        .compose(result -> record(cb, attempt, result, false))
        .onFailure(e -> log.error("callback {}: outcome not recorded: {}", cb.id(), e.toString()))
        .onComplete(v -> inFlight--);
  }

  private Future<Callback> record(Callback cb, int attempt, OriginateResult result, boolean last) {
    Instant now = clock.instant();
    outcomes.inc(result.outcome().label());
    CallbackState state;
    Instant next = null;
    if (result.outcome() == OriginateOutcome.ANSWERED) {
      state = CallbackState.ANSWERED;
    } else if (last || attempt >= config.maxAttempts()) {
      state = CallbackState.FAILED;
    } else {
      state = CallbackState.PENDING;
      next = now.plus(config.retryDelay());
    }
    log.info("callback {} to {}: attempt {} {} ({}), now {}", cb.id(), PhoneNumbers.mask(cb.msisdn()), attempt,
        result.outcome().label(), result.detail(), state.label());
    return store.attempted(cb.id(), new CallbackStore.Attempt(attempt, now, result.outcome().label(), result.detail(),
        result.channelId()), state, next);
  }

  /** The future's outcome on this verticle's context, where its state lives. */
  private <T> Future<T> here(Future<T> future) {
    return Future.fromCompletionStage(future.toCompletionStage(), context);
  }

  /** Callbacks being dialled now. */
  int inFlight() {
    return inFlight;
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}

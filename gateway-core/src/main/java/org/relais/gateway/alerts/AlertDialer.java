package org.relais.gateway.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.alerts.AlertStore.VoiceCall;
import org.relais.gateway.alerts.cap.CapAlert;
import org.relais.gateway.alerts.cap.CapInfo;
import org.relais.gateway.config.AlertsConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.telephony.ami.AmiClient;
import org.relais.gateway.telephony.ami.AmiException;
import org.relais.gateway.telephony.ami.OriginateOutcome;
import org.relais.gateway.telephony.ami.OriginateRequest;
import org.relais.gateway.telephony.ami.OriginateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the voice recipients of alerts through the AMI: never more than
 * {@code alerts.max_concurrent_calls} at once nor more than {@code alerts.calls_per_second}
 * started per second. Before a call, the headline and the message are made into sounds (a
 * recorded {@code resource} with an audio type is played instead of the spoken message); the call
 * is answered into {@code alerts.voice_context}, whose dialplan runs the {@code alert} AGI script
 * with them. Busy, unanswered and congested calls are tried again after {@code alerts.retry_delay}
 * up to {@code alerts.max_attempts}; a failed call is not.
 */
public final class AlertDialer extends VerticleBase implements VoiceFanOut {

  private static final Logger log = LoggerFactory.getLogger(AlertDialer.class);
  private static final long TICK_MS = 100;

  private final AlertsConfig config;
  private final AlertStore store;
  private final AmiClient ami;
  private final Tts tts;
  private final AlertTexts texts;
  private final Metrics.Counter outcomes;
  private final Map<String, CapAlert> alerts = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CapAlert> eldest) {
      return size() > 64;
    }
  };
  private volatile Optional<String> ttsFault = Optional.empty();
  private int inFlight;
  private boolean busy;
  private double tokens;
  private long lastTick;
  private long timer = -1;

  public AlertDialer(AlertsConfig config, AlertStore store, AmiClient ami, Tts tts, AlertTexts texts, Metrics metrics) {
    this.config = config;
    this.store = store;
    this.ami = ami;
    this.tts = tts;
    this.texts = texts;
    this.outcomes = metrics.counter("relais_alert_calls_total", "Alert calls placed, by outcome", "outcome");
  }

  @Override
  public Future<?> start() {
    // The probe completes on a TTS thread: back here first, so that the timer below is this
    // verticle's (set from another thread it would tick on another event loop, beside wake()).
    return here(tts.probe()).compose(fault -> {
      ttsFault = fault;
      fault.ifPresent(f -> log.warn("alerts: calls can only play recorded audio: {}", f));
      return store.resumeDialling();
    }).onSuccess(n -> {
      if (n > 0) {
        log.info("alerts: {} calls left dialling by the last stop are pending again", n);
      }
      lastTick = System.nanoTime();
      timer = vertx.setPeriodic(TICK_MS, t -> tick());
    });
  }

  @Override
  public Optional<String> unavailable(CapAlert alert) {
    if (ttsFault.isEmpty()) {
      return Optional.empty();
    }
    boolean recorded = alert.infos().stream().allMatch(i -> recording(i).isPresent());
    return recorded ? Optional.empty() : ttsFault;
  }

  @Override
  public void wake() {
    if (context != null) {
      context.runOnContext(v -> tick());
    }
  }

  /** One look at the due calls: as many as the free places and the rate allow. */
  void tick() {
    long now = System.nanoTime();
    tokens = Math.min(config.callsPerSecond(), tokens + (now - lastTick) / 1e9 * config.callsPerSecond());
    lastTick = now;
    int room = Math.min(config.maxConcurrentCalls() - inFlight, (int) tokens);
    if (busy || room <= 0 || ami.state() != AmiClient.State.CONNECTED) {
      return;
    }
    busy = true;
    store.dueCalls(Instant.now(), room).onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        log.warn("alerts: cannot read due calls: {}", ar.cause().getMessage());
        return;
      }
      List<VoiceCall> due = ar.result();
      tokens -= due.size();
      due.forEach(this::call);
    });
  }

  private void call(VoiceCall call) {
    inFlight++;
    // The sounds come from the TTS's threads: back here before anything else, so that the outcome
    // is recorded and inFlight counted on this verticle's event loop only. An Originate the AMI
    // never sent spends no attempt; no alert or no sound fails the call.
    alert(call.alertId())
        .compose(cap -> here(sounds(cap, call)))
        .compose(sounds -> here(ami.originate(request(call, sounds))).compose(result -> record(call, result),
                e -> e instanceof AmiException a && !a.sent() ? notPlaced(call)
                    : record(call, new OriginateResult(OriginateOutcome.CONGESTION, "AMI: " + e.getMessage(), null))),
            e -> record(call, new OriginateResult(OriginateOutcome.FAILED, e.getMessage(), null)))
        .onFailure(e -> log.error("alert call to {}: outcome not recorded: {}", PhoneNumbers.mask(call.msisdn()),
            e.toString()))
        .onComplete(v -> inFlight--);
  }

  private Future<CapAlert> alert(String id) {
    CapAlert known = alerts.get(id);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return store.find(id).map(found -> {
      CapAlert cap = found.orElseThrow(() -> new IllegalStateException("alert " + id + " is not in the store")).cap();
      alerts.put(id, cap);
      return cap;
    });
  }

  private record Sounds(String headline, String message, String language) {}

  private Future<Sounds> sounds(CapAlert cap, VoiceCall call) {
    CapInfo info = texts.pick(cap.infos(), call.language());
    String language = AlertTexts.primary(info.language());
    Optional<String> recorded = recording(info);
    Future<String> headline = ttsFault.isPresent() ? Future.succeededFuture("")
        : tts.speak(AlertTexts.headline(info), language);
    Future<String> message = recorded.isPresent() ? Future.succeededFuture(recorded.get())
        : tts.speak(AlertTexts.spoken(info).isEmpty() ? AlertTexts.headline(info) : AlertTexts.spoken(info), language);
    return Future.all(headline, message).map(v -> new Sounds(headline.result(), message.result(), language));
  }

  private static Optional<String> recording(CapInfo info) {
    return info.resources().stream()
        .filter(r -> r.mimeType() != null && r.mimeType().toLowerCase().startsWith("audio/") && r.uri() != null)
        .map(CapInfo.Resource::uri).findFirst();
  }

  private OriginateRequest request(VoiceCall call, Sounds sounds) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("RELAIS_ALERT_ID", call.alertId());
    variables.put("RELAIS_MSISDN", call.msisdn());
    variables.put("RELAIS_LANGUAGE", sounds.language());
    variables.put("RELAIS_ALERT_HEADLINE", sounds.headline());
    variables.put("RELAIS_ALERT_MESSAGE", sounds.message());
    String channelId = "relais-alert-" + Integer.toHexString((call.alertId() + call.msisdn()).hashCode()) + "-"
        + call.attempt();
    return OriginateRequest.of(config.channelFor(call.msisdn()), config.voiceContext(), config.voiceExten(),
        config.ringTimeout(), channelId).withCallerId(config.callerId()).withVariables(variables);
  }

  /** Maps Asterisk's outcome to the recipient's state: answered, failed, or pending again for a retry. */
  private Future<Void> record(VoiceCall call, OriginateResult result) {
    outcomes.inc(result.outcome().label());
    RecipientState state = next(result.outcome(), call.attempt(), config.maxAttempts());
    Instant retry = state == RecipientState.PENDING ? Instant.now().plus(config.retryDelay()) : null;
    log.info("alert {} call to {}: attempt {} {} ({}), now {}", call.alertId(), PhoneNumbers.mask(call.msisdn()),
        call.attempt(), result.outcome().label(), result.detail(), state.label());
    return store.called(call, state, result.outcome().label(), retry);
  }

  /** The AMI went away before the Originate left: no call was placed, so no attempt is spent; placed once it is back. */
  private Future<Void> notPlaced(VoiceCall call) {
    log.info("alert {} call to {}: not placed, the AMI is not connected; pending again", call.alertId(),
        PhoneNumbers.mask(call.msisdn()));
    return store.notPlaced(call);
  }

  /** What a call's outcome leads to after {@code attempt} of {@code max} calls. */
  static RecipientState next(OriginateOutcome outcome, int attempt, int max) {
    return switch (outcome) {
      case ANSWERED -> RecipientState.ANSWERED;
      case BUSY, NO_ANSWER, CONGESTION -> attempt < max ? RecipientState.PENDING : RecipientState.FAILED;
      case FAILED -> RecipientState.FAILED;
    };
  }

  private <T> Future<T> here(Future<T> future) {
    return Future.fromCompletionStage(future.toCompletionStage(), context);
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}

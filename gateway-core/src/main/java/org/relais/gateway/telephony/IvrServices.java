package org.relais.gateway.telephony;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.cases.Channel;
import org.relais.gateway.cases.NewCase;
import org.relais.gateway.config.AgiConfig;
import org.relais.gateway.store.Store;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.relais.gateway.subscribers.SubscriberStore;
import org.relais.gateway.telephony.ami.AmiClient;
import org.relais.gateway.telephony.ami.QueueSummary;
import org.relais.gateway.telephony.callback.Callback;
import org.relais.gateway.telephony.callback.CallbackStore;
import org.relais.gateway.telephony.callback.NewCallback;
import org.relais.gateway.telephony.directory.Directory;
import org.relais.ivr.engine.CallbackRequest;
import org.relais.ivr.engine.CaseRequest;
import org.relais.ivr.engine.FlowServices;
import org.relais.ivr.engine.LookupResult;
import org.relais.ivr.flow.LookupService;

/**
 * The gateway's services to flows: a caller's language remembered per number, look-ups, cases
 * opened through {@link CaseService} (acknowledged by SMS), callbacks and queue waits. Every
 * answer comes back on the context of the call that asked, so the call's session is only ever
 * touched by its own event loop.
 */
public final class IvrServices implements FlowServices {

  private final SubscriberStore subscribers;
  private final CaseStore caseStore;
  private final CaseService cases;
  private final Directory directory;
  private final CallbackStore callbacks;
  private final AgiConfig agi;
  private final AmiClient ami;

  /** @param ami the AMI client, or null when the AMI is not enabled (queue waits are then unknown) */
  public IvrServices(Store store, CaseService cases, AgiConfig agi, AmiClient ami) {
    this.subscribers = store.subscribers();
    this.caseStore = store.cases();
    this.directory = store.directory();
    this.callbacks = store.callbacks();
    this.cases = cases;
    this.agi = agi;
    this.ami = ami;
  }

  @Override
  public CompletionStage<Optional<String>> knownLanguage(String caller) {
    return here(subscribers.language(number(caller)));
  }

  @Override
  public CompletionStage<Void> rememberLanguage(String caller, String language) {
    return here(subscribers.rememberLanguage(number(caller), language));
  }

  @Override
  public CompletionStage<LookupResult> lookup(LookupService service, String key) {
    Future<LookupResult> result = switch (service) {
      case CASE_STATUS -> caseStore.findByReference(key.trim()).map(found -> found
          .<LookupResult>map(c -> new LookupResult.Found(Map.of(service.variable(), CaseStatusWords.of(c),
              "case_tracking", c.citizenReference())))
          .orElseGet(LookupResult.NotFound::new));
      case ACCOUNT_BY_CALLER -> directory.accountByMsisdn(number(key)).map(found -> found
          .<LookupResult>map(account -> new LookupResult.Found(Map.of(service.variable(), account)))
          .orElseGet(LookupResult.NotFound::new));
      case ACCOUNT -> directory.accountExists(key).map(exists -> exists
          ? new LookupResult.Found(Map.of(service.variable(), key)) : new LookupResult.NotFound());
      case INVOICE_STATUS -> directory.invoice(key).map(found -> found
          .<LookupResult>map(status -> new LookupResult.Found(Map.of(service.variable(), status.label())))
          .orElseGet(LookupResult.NotFound::new));
    };
    return here(result);
  }

  @Override
  public CompletionStage<String> openCase(CaseRequest request) {
    String recording = request.recording() == null ? null : agi.recordingReference(request.recording());
    NewCase c = new NewCase(Channel.VOICE, PhoneNumbers.normalize(request.caller()).orElse(null), request.language(),
        request.category(), request.description(), recording,
        "call:" + request.callId() + ":" + request.node(), Instant.now());
    return here(cases.open(c).map(CaseRecord::citizenReference));
  }

  @Override
  public CompletionStage<String> registerCallback(CallbackRequest request) {
    Optional<String> msisdn = PhoneNumbers.normalize(request.caller());
    if (msisdn.isEmpty()) {
      return here(Future.failedFuture(new IllegalArgumentException("no number to call back")));
    }
    NewCallback callback = new NewCallback(msisdn.get(), request.language(), request.queue(), request.topic(),
        request.hours(), request.flow(), "call:" + request.callId() + ":" + request.queue());
    return here(callbacks.register(callback).map(Callback::id));
  }

  /** From the queue's QueueSummary; unknown while the AMI is off or down, so callers are not held back. */
  @Override
  public CompletionStage<Optional<Duration>> expectedWait(String queue) {
    if (ami == null || ami.state() != AmiClient.State.CONNECTED) {
      return here(Future.succeededFuture(Optional.empty()));
    }
    return here(ami.queueSummary(queue).map(s -> s.map(QueueSummary::expectedWait))
        .otherwise(Optional.empty()));
  }

  private static String number(String caller) {
    return PhoneNumbers.normalize(caller).orElse(caller);
  }

  /** The future's outcome, delivered on the context of the caller of this service (its call's event loop). */
  private static <T> CompletionStage<T> here(Future<T> future) {
    Context context = Vertx.currentContext();
    return context == null ? future.toCompletionStage()
        : Future.fromCompletionStage(future.toCompletionStage(), context).toCompletionStage();
  }
}

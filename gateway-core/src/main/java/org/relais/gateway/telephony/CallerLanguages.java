package org.relais.gateway.telephony;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.relais.gateway.subscribers.SubscriberStore;
import org.relais.ivr.engine.FlowServices;

/** The gateway's services to flows: a caller's language, remembered per number in the store. */
public final class CallerLanguages implements FlowServices {

  private final SubscriberStore subscribers;

  public CallerLanguages(SubscriberStore subscribers) {
    this.subscribers = subscribers;
  }

  @Override
  public CompletionStage<Optional<String>> knownLanguage(String caller) {
    return subscribers.language(caller).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> rememberLanguage(String caller, String language) {
    return subscribers.rememberLanguage(caller, language).toCompletionStage();
  }
}

package org.relais.gateway.subscribers;

import io.vertx.core.Future;
import java.util.Optional;

/** What Relais remembers per phone number. */
public interface SubscriberStore {

  Future<Optional<String>> language(String msisdn);

  Future<Void> rememberLanguage(String msisdn, String language);
}

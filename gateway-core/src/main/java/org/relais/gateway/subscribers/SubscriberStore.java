package org.relais.gateway.subscribers;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What Relais remembers per phone number: the language, the opt-out, the alert zones. */
public interface SubscriberStore {

  Future<Optional<String>> language(String msisdn);

  Future<Void> rememberLanguage(String msisdn, String language);

  /** Records a STOP; completes with true when the number was not opted out already. */
  Future<Boolean> optOut(String msisdn);

  /** Records a START (or a new subscription); completes with true when the number was opted out. */
  Future<Boolean> optIn(String msisdn);

  /** Every number opted out, to load the registry at start. */
  Future<Set<String>> optedOut();

  /** Adds an alert zone; completes with true when it is new for the number. */
  Future<Boolean> subscribe(String msisdn, String zone);

  Future<List<String>> zones(String msisdn);
}

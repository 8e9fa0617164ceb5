package org.relais.gateway.subscribers;

import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers that sent STOP, and those that refused a category of messages (bills, news of their
 * cases, alerts), held in memory for a check on every outbound message, and kept in the store. An
 * opted-out number still gets the answer to a text it sends (the STOP confirmation, a HELP text),
 * never an unsolicited message; a number that refused a category gets none of that category.
 */
public final class OptOuts {

  private final SubscriberStore store;
  private final Set<String> numbers = ConcurrentHashMap.newKeySet();
  private final Map<Consent, Set<String>> refused = new EnumMap<>(Consent.class);

  public OptOuts(SubscriberStore store) {
    this.store = store;
    for (Consent category : Consent.values()) {
      refused.put(category, ConcurrentHashMap.newKeySet());
    }
  }

  /** Loads the opted-out numbers and the refusals from the store; returns how many numbers opted out. */
  public Future<Integer> load() {
    return store.optedOut().compose(all -> store.refusals().map(refusals -> {
      numbers.addAll(all);
      refusals.forEach((category, msisdns) -> {
        Set<String> held = refused.get(category);
        held.retainAll(msisdns);
        held.addAll(msisdns);
      });
      return all.size();
    }));
  }

  public boolean isOptedOut(String msisdn) {
    return msisdn != null && numbers.contains(msisdn);
  }

  /** True when {@code msisdn} may not receive unsolicited messages of {@code category}: opted out, or refused it. */
  public boolean refuses(String msisdn, Consent category) {
    return isOptedOut(msisdn) || msisdn != null && refused.get(category).contains(msisdn);
  }

  /** Reads again what {@code msisdn} consented to, once its profile changed (saved, deleted). */
  public Future<Void> refresh(String msisdn) {
    return store.find(msisdn).map(found -> {
      apply(msisdn, found);
      return null;
    });
  }

  /** Takes what {@code msisdn} consented to from its profile as stored now ({@code found}; empty: deleted). */
  public void apply(String msisdn, Optional<Subscriber> found) {
    for (Consent category : Consent.values()) {
      if (found.isPresent() && Boolean.FALSE.equals(found.get().consents().get(category))) {
        refused.get(category).add(msisdn);
      } else {
        refused.get(category).remove(msisdn);
      }
    }
  }

  public Future<Boolean> optOut(String msisdn) {
    return store.optOut(msisdn).onSuccess(v -> numbers.add(msisdn));
  }

  public Future<Boolean> optIn(String msisdn) {
    return store.optIn(msisdn).onSuccess(v -> numbers.remove(msisdn));
  }

  public int size() {
    return numbers.size();
  }
}

package org.relais.gateway.subscribers;

import io.vertx.core.Future;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers that sent STOP, held in memory for a check on every outbound message, and kept in
 * the store. An opted-out number still gets the answer to a text it sends (the STOP confirmation,
 * a HELP text), never an unsolicited message.
 */
public final class OptOuts {

  private final SubscriberStore store;
  private final Set<String> numbers = ConcurrentHashMap.newKeySet();

  public OptOuts(SubscriberStore store) {
    this.store = store;
  }

  /** Loads the opted-out numbers from the store. */
  public Future<Integer> load() {
    return store.optedOut().map(all -> {
      numbers.addAll(all);
      return all.size();
    });
  }

  public boolean isOptedOut(String msisdn) {
    return msisdn != null && numbers.contains(msisdn);
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

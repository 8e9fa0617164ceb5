package org.relais.gateway.subscribers;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What Relais remembers per phone number: the language, the opt-out, the alert zones, the profile. */
public interface SubscriberStore {

  Future<Optional<String>> language(String msisdn);

  Future<Void> rememberLanguage(String msisdn, String language);

  /** Records a STOP; completes with true when the number was not opted out already. */
  Future<Boolean> optOut(String msisdn);

  /** Records a START (or a new subscription); completes with true when the number was opted out. */
  Future<Boolean> optIn(String msisdn);

  /** Every number opted out, to load the registry at start. */
  Future<Set<String>> optedOut();

  /** The numbers that refused each category explicitly (a consent never asked is not a refusal). */
  Future<java.util.Map<Consent, Set<String>>> refusals();

  /** Adds an alert zone; completes with true when it is new for the number. */
  Future<Boolean> subscribe(String msisdn, String zone);

  Future<List<String>> zones(String msisdn);

  /** The whole profile of a number, when Relais knows it. */
  Future<Optional<Subscriber>> find(String msisdn);

  /**
   * Writes profiles (language, zones, place, channels, consents, tester), replacing what each had,
   * all in one transaction; the opt-out stays as STOP and START set it.
   */
  Future<Integer> saveAll(Collection<Subscriber> subscribers);

  /** Sets one consent; the number is remembered if it was not. */
  Future<Void> consent(String msisdn, Consent category, boolean given);

  /**
   * Forgets a number's profile; completes with false when it was unknown. An opt-out is kept, so
   * that a forgotten number that sent STOP still gets nothing.
   */
  Future<Boolean> delete(String msisdn);

  /** Who may receive alerts (not opted out, consent to alerts given; testers only when asked) with a place in the box. */
  Future<List<Reachable>> reachableIn(double minLat, double maxLat, double minLon, double maxLon, boolean testersOnly);

  /** Who may receive alerts and subscribed to any of {@code zones}. */
  Future<List<Reachable>> reachableInZones(Collection<String> zones, boolean testersOnly);

  /** A subscriber who may be alerted: the place is NaN when none is known. */
  record Reachable(String msisdn, String language, double lat, double lon, boolean sms, boolean voice) {}
}

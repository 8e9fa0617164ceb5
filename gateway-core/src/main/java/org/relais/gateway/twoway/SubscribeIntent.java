package org.relais.gateway.twoway;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relais.gateway.subscribers.Consent;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.gateway.subscribers.SubscriberStore;

/**
 * An alert subscription, {@code ALERTE centre}: the zone must be one of {@code sms.zones} (any word
 * when none are configured); subscribing records the consent to alerts and lifts an earlier STOP,
 * since it asks for messages.
 */
final class SubscribeIntent implements IntentHandler {

  private final SubscriberStore subscribers;
  private final OptOuts optOuts;
  private final List<String> zones;
  private final Replies replies;

  SubscribeIntent(SubscriberStore subscribers, OptOuts optOuts, List<String> zones, Replies replies) {
    this.subscribers = subscribers;
    this.optOuts = optOuts;
    this.zones = zones;
    this.replies = replies;
  }

  @Override
  public Future<String> handle(TextContext text) {
    String zone = KeywordRouter.firstWord(text.rest()).word().toLowerCase(Locale.ROOT);
    String known = zones.stream().filter(z -> KeywordRouter.normalize(z).equals(KeywordRouter.normalize(zone)))
        .findFirst().orElse(zones.isEmpty() && !zone.isEmpty() ? zone : null);
    if (known == null) {
      return replies.send(text.message(), "subscribe_zones", text.language(),
          Map.of("zones", String.join(", ", zones))).map(zone.isEmpty() ? "subscribe without zone" : "unknown zone");
    }
    String number = text.message().source();
    return subscribers.subscribe(number, known)
        .compose(v -> subscribers.consent(number, Consent.ALERTS, true))
        .compose(v -> optOuts.optIn(number))
        .compose(v -> optOuts.refresh(number))
        .compose(v -> replies.send(text.message(), "subscribe_ok", text.language(), Map.of("zone", known)))
        .map("subscribed to " + known);
  }
}

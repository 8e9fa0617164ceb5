package org.relais.gateway.twoway;

import io.vertx.core.Future;
import java.util.Map;
import org.relais.gateway.subscribers.OptOuts;

/** STOP and START: the number leaves or rejoins, and the reply (one part) says so and how to undo it. */
final class ConsentIntent implements IntentHandler {

  private final OptOuts optOuts;
  private final Replies replies;
  private final boolean stop;

  ConsentIntent(OptOuts optOuts, Replies replies, boolean stop) {
    this.optOuts = optOuts;
    this.replies = replies;
    this.stop = stop;
  }

  @Override
  public Future<String> handle(TextContext text) {
    String number = text.message().source();
    return (stop ? optOuts.optOut(number) : optOuts.optIn(number))
        .compose(v -> replies.send(text.message(), stop ? "stop_ok" : "start_ok", text.language(), Map.of()))
        .map(stop ? "opted out" : "opted in");
  }
}

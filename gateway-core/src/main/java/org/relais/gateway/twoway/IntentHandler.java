package org.relais.gateway.twoway;

import io.vertx.core.Future;

/** Handles the texts of one intent; completes with a word on what was done (kept with the text). */
interface IntentHandler {

  /** The outcome of a text that now waits for the citizen's answer: it is not marked processed. */
  String AWAITING_ANSWER = "awaiting answer";

  Future<String> handle(TextContext text);
}

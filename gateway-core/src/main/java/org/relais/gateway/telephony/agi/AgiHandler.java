package org.relais.gateway.telephony.agi;

import io.vertx.core.Context;
import io.vertx.core.Future;

/** What serves a FastAGI call once its environment is read; the connection closes when the future completes. */
interface AgiHandler {

  Future<?> handle(AgiSession session, AgiEnvironment environment, Context context);
}

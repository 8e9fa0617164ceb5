package org.relais.gateway.handoff;

import io.vertx.core.Future;
import java.util.Optional;

/** Named values kept across restarts, such as how far status updates were read. */
public interface Cursors {

  Future<Optional<String>> get(String name);

  Future<Void> put(String name, String value);
}

package org.relais.gateway.handoff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.relais.gateway.cases.CaseFollowUp;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.config.CoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows an Open311 server: resolves the tokens it answered with into service_request_ids, and
 * reads servicerequestupdates.json since the last update seen (the cursor survives restarts),
 * reporting each status to {@link CaseFollowUp}. An update for a request Relais does not know is
 * skipped; one poll runs at a time.
 */
public final class Open311Poller {

  private static final Logger log = LoggerFactory.getLogger(Open311Poller.class);
  static final String CURSOR = "open311.updates";
  private static final Duration FIRST_WINDOW = Duration.ofDays(1);

  private final Vertx vertx;
  private final Open311Client client;
  private final CaseStore cases;
  private final CaseFollowUp followUp;
  private final Cursors cursors;
  private final CoreConfig config;
  private boolean polling;
  private long timer = -1;

  public Open311Poller(Vertx vertx, Open311Client client, CaseStore cases, CaseFollowUp followUp, Cursors cursors,
      CoreConfig config) {
    this.vertx = vertx;
    this.client = client;
    this.cases = cases;
    this.followUp = followUp;
    this.cursors = cursors;
    this.config = config;
  }

  public void start() {
    timer = vertx.setPeriodic(config.pollInterval().toMillis(), t -> poll());
    client.services().onSuccess(services -> log.info("Open311: the server offers {} services", services.size()))
        .onFailure(e -> log.warn("Open311: cannot read services.json: {}", e.getMessage()));
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** One poll: tokens, then updates; completes with the number of statuses reported. */
  public Future<Integer> poll() {
    if (polling) {
      return Future.succeededFuture(0);
    }
    polling = true;
    return resolveTokens().compose(v -> readUpdates())
        .onFailure(e -> log.warn("Open311 poll failed: {}", e.getMessage()))
        .onComplete(done -> polling = false);
  }

  private Future<Void> resolveTokens() {
    return cases.awaitingCoreId(100).compose(waiting -> {
      Future<Void> chain = Future.succeededFuture();
      for (CaseRecord c : waiting) {
        chain = chain.compose(v -> client.resolveToken(c.coreToken()).compose(id -> {
          if (id.isEmpty()) {
            return Future.succeededFuture();
          }
          log.info("Open311: case {} token {} is request {}", c.trackingNumber(), c.coreToken(), id.get());
          return cases.resolvedToken(c.id(), id.get());
        }));
      }
      return chain;
    });
  }

  private Future<Integer> readUpdates() {
    Instant now = Instant.now();
    return cursors.get(CURSOR).compose(cursor -> {
      Instant from = cursor.map(Instant::parse).orElse(now.minus(FIRST_WINDOW));
      return client.updates(from, now).compose(updates -> {
        Future<Integer> chain = Future.succeededFuture(0);
        Instant last = from;
        for (Open311Client.Update u : updates) {
          chain = chain.compose(n -> followUp.report(u.serviceRequestId(),
                  new CaseStore.StatusReport(u.status(), u.description(), u.at(), "open311"))
              .map(outcome -> outcome.isPresent() && outcome.get().changed() ? n + 1 : n));
          if (u.at().isAfter(last)) {
            last = u.at();
          }
        }
        Instant next = last;
        return chain.compose(n -> cursors.put(CURSOR, next.toString()).map(n));
      });
    });
  }
}

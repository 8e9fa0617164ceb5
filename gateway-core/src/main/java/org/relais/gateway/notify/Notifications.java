package org.relais.gateway.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.NotificationsConfig;
import org.relais.gateway.config.RelaisConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.store.Store;
import org.relais.gateway.subscribers.OptOuts;
import org.relais.sms.smpp.BindState;
import org.relais.sms.smpp.BindStatus;
import org.relais.sms.smpp.SmsConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications sent in numbers: batches (read as they stream, staged, released in chunks),
 * quiet hours, and consumption alerts. What the HTTP API calls into.
 */
public final class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final NotificationTemplates templates;
  private final BatchStore batches;
  private final BatchIntake intake;
  private final BatchReleaser releaser;
  private final ConsumptionAlerts consumption;
  private final QuietPolicy quiet;
  private final OutboundDispatcher sms;
  private final SmsConnector connector;
  private final RelaisConfig config;

  private Notifications(NotificationTemplates templates, BatchStore batches, BatchIntake intake,
      BatchReleaser releaser, ConsumptionAlerts consumption, QuietPolicy quiet, OutboundDispatcher sms,
      SmsConnector connector, RelaisConfig config) {
    this.templates = templates;
    this.batches = batches;
    this.intake = intake;
    this.releaser = releaser;
    this.consumption = consumption;
    this.quiet = quiet;
    this.sms = sms;
    this.connector = connector;
    this.config = config;
  }

  /** Reads and checks the templates of {@code config}; a fault is a ConfigException naming the file and key. */
  public static NotificationTemplates loadTemplates(RelaisConfig config) {
    NotificationsConfig n = config.notifications();
    NotificationTemplates templates = NotificationTemplates.load(config.resolve(n.templates()),
        config.sms().languages(), n.quietHours().keySet());
    String name = n.consumption().template();
    NotificationTemplates.Kind kind = templates.kind(name).orElseThrow(() -> new ConfigException(
        "notifications.consumption.template", name, "a kind of " + n.templates() + " " + templates.names()));
    for (String variable : kind.variables()) {
      if (!ConsumptionAlerts.VARIABLES.contains(variable)) {
        throw new ConfigException("notifications.consumption.template", name, "a kind whose text uses only "
            + ConsumptionAlerts.VARIABLES.stream().sorted().toList() + " (it uses {" + variable + "})");
      }
    }
    return templates;
  }

  /**
   * Starts notifications on the caller's context: batches whose upload an earlier run cut off are
   * rejected, then releases run every {@code notifications.release_interval}.
   */
  public static Future<Notifications> start(Vertx vertx, RelaisConfig config, NotificationTemplates templates,
      Store store, OutboundDispatcher sms, SmsConnector connector, OptOuts optOuts, Clock clock, Metrics metrics) {
    NotificationsConfig n = config.notifications();
    QuietPolicy quiet = new QuietPolicy(n.quietHoursByCategory(), clock);
    BatchIntake intake = new BatchIntake(store.batches(), n.releaseChunk(), n.maxRecipients(), n.maxLineKb() * 1024);
    BatchReleaser releaser = new BatchReleaser(vertx, store.batches(), sms, optOuts, quiet, n.releaseChunk(),
        n.releaseAhead(), n.releaseInterval().toMillis(), metrics);
    ConsumptionAlerts consumption = new ConsumptionAlerts(store.consumption(), store.subscribers(), optOuts, sms,
        templates.kind(n.consumption().template()).orElseThrow(), n.consumption(), quiet,
        config.sms().defaultLanguage(), metrics);
    Notifications notifications = new Notifications(templates, store.batches(), intake, releaser, consumption, quiet,
        sms, connector, config);
    return store.batches().staging().compose(cut -> {
      List<Future<Void>> rejected = new java.util.ArrayList<>();
      for (String id : cut) {
        log.warn("batch {}: its upload was cut off by a stop; rejected, nothing of it was sent", id);
        rejected.add(store.batches().reject(id, "the upload was cut off before its end (the gateway stopped)")
            .onSuccess(v -> intake.purge(id)));
      }
      return Future.all(rejected);
    }).compose(v -> {
      releaser.start();
      return releaser.tick();
    }).map(notifications);
  }

  /** Stops the release passes; completes once the one under way has finished. */
  public Future<Void> stop() {
    return releaser.stop();
  }

  public NotificationTemplates templates() {
    return templates;
  }

  public ConsumptionAlerts consumption() {
    return consumption;
  }

  public QuietPolicy quiet() {
    return quiet;
  }

  /** Releases what is due now, without waiting for the next pass. */
  public Future<Void> releaseNow() {
    return releaser.passNow();
  }

  /**
   * Reads a batch from {@code body}, paused by the caller; completes with the batch opened, or
   * fails with a {@link BatchRejection} and nothing queued. {@code unit} names a recipient's place
   * in errors ("line" for NDJSON).
   */
  public Future<Batch> submit(NewBatch request, ReadStream<Buffer> body, boolean ndjson) {
    NotificationTemplates.Kind kind = templates.kind(request.template()).orElseThrow();
    RecipientCheck check = new RecipientCheck(kind, request.language(), config.sms().defaultLanguage(), sms,
        ndjson ? "line" : "recipient");
    return intake.accept(request, check, body, ndjson ? BatchIntake.Format.NDJSON : BatchIntake.Format.JSON_ARRAY)
        .andThen(ar -> {
          if (ar.succeeded()) {
            releaser.passNow();
          }
        });
  }

  public Future<Optional<Batch>> find(String id) {
    return batches.find(id);
  }

  public Future<Optional<Batch>> findByIdempotencyKey(String key) {
    return batches.findByIdempotencyKey(key);
  }

  public Future<BatchStore.MessageCounts> messageCounts(String id) {
    return batches.messageCounts(id);
  }

  public Future<Optional<Batch>> cancel(String id) {
    return batches.cancel(id);
  }

  /**
   * The submits per second the binds allow now (those bound), what a batch's estimate divides
   * by; bulk gets what replies and alerts leave of it.
   */
  public double availableTps() {
    List<BindStatus> binds = connector.status();
    return binds.stream().filter(b -> b.state() == BindState.BOUND).mapToDouble(BindStatus::allowedRate).sum();
  }

  /** When a batch may start sending: its schedule, then the end of its category's quiet hours. */
  public Instant startsAt(Batch batch) {
    Instant now = quiet.now();
    Instant start = batch.request().scheduleAt() != null && batch.request().scheduleAt().isAfter(now)
        ? batch.request().scheduleAt() : now;
    if (batch.priority() == org.relais.sms.Priority.ALERT || batch.priority() == org.relais.sms.Priority.REPLY) {
      return start;
    }
    return quiet.endAfter(batch.category(), start).orElse(start);
  }
}

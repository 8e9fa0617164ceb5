package org.relais.gateway.alerts;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relais.gateway.alerts.AlertTargeting.Target;
import org.relais.gateway.alerts.cap.CapAlert;
import org.relais.gateway.alerts.cap.CapEnums.MsgType;
import org.relais.gateway.alerts.cap.CapEnums.Status;
import org.relais.gateway.alerts.cap.CapInfo;
import org.relais.gateway.config.AlertsConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes CAP alerts and fans them out. An Alert or Update is targeted first (so the answer carries
 * the recipient count, and a dry run stops there), approved when it is large, recorded, then its
 * recipients are committed in batches of {@code alerts.batch_size}, each SMS recipient with its
 * message in the ALERT lane; voice recipients wait for the dialler. An Update first stops what the
 * alerts it references had not sent; a Cancel only does that. Test and Exercise reach testers
 * only; Draft and System reach nobody.
 */
public final class AlertService {

  private static final Logger log = LoggerFactory.getLogger(AlertService.class);

  private final AlertsConfig config;
  private final AlertStore store;
  private final AlertTargeting targeting;
  private final AlertTexts texts;
  private final OutboundDispatcher sms;
  private final Metrics.Counter received;
  private final Metrics.Counter recipients;
  private volatile VoiceFanOut voice;

  public AlertService(AlertsConfig config, AlertStore store, AlertTargeting targeting, AlertTexts texts,
      OutboundDispatcher sms, Metrics metrics) {
    this.config = config;
    this.store = store;
    this.targeting = targeting;
    this.texts = texts;
    this.sms = sms;
    this.received = metrics.counter("relais_alerts_received_total", "CAP alerts recorded, by msgType and status",
        "msg_type", "status");
    this.recipients = metrics.counter("relais_alert_recipients_total", "Recipients of alerts, by channel", "channel");
  }

  /** Who asked for an alert and who signed it as second approver (fingerprints, never tokens; null: none). */
  public record Approval(String requestedBy, String approvedBy) {}

  /**
   * What became of a submitted alert: its record (null for a dry run), recipients per channel, the
   * subscribers in the area who cannot be reached on any channel open now, how many recipients of
   * earlier alerts were stopped (Update, Cancel), and references to alerts Relais never received.
   */
  public record Accepted(AlertRecord record, Map<Channel, Integer> recipients, int unreachable, int stopped,
      List<String> unknownReferences, String voiceUnavailable) {

    public int total() {
      return recipients.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Plugs in the automated calls once the AMI is up. */
  public void attachVoice(VoiceFanOut fanOut) {
    this.voice = fanOut;
  }

  public AlertStore store() {
    return store;
  }

  public AlertsConfig config() {
    return config;
  }

  public Future<Accepted> submit(CapAlert cap, Approval approval, boolean dryRun) {
    return switch (cap.msgType()) {
      case Cancel -> cancelByCap(cap, approval, dryRun);
      case Ack, Error -> dryRun ? Future.succeededFuture(empty(null)) : record(cap, approval, AlertState.DONE);
      case Alert, Update -> cap.status() == Status.Draft || cap.status() == Status.System
          ? dryRun ? Future.succeededFuture(empty(null)) : record(cap, approval, AlertState.DONE)
          : alert(cap, approval, dryRun);
    };
  }

  private Future<Accepted> alert(CapAlert cap, Approval approval, boolean dryRun) {
    try {
      checkTargetable(cap);
    } catch (AlertException e) {
      return Future.failedFuture(e);
    }
    Optional<String> voiceOff = voiceUnavailable(cap);
    return targeting.targets(cap).compose(targets -> {
      Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
      counts.put(Channel.SMS, 0);
      counts.put(Channel.VOICE, 0);
      int unreachable = 0;
      for (Target t : targets) {
        boolean any = false;
        if (t.who().sms()) {
          counts.merge(Channel.SMS, 1, Integer::sum);
          any = true;
        }
        if (t.who().voice() && voiceOff.isEmpty()) {
          counts.merge(Channel.VOICE, 1, Integer::sum);
          any = true;
        }
        unreachable += any ? 0 : 1;
      }
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      if (dryRun) {
        return Future.succeededFuture(new Accepted(null, counts, unreachable, 0, List.of(), voiceOff.orElse(null)));
      }
      if (total > config.approvalThreshold() && approval.approvedBy() == null) {
        return Future.failedFuture(new AlertException(403, "approval_required", "this alert reaches " + total
            + " recipients, more than alerts.approval_threshold (" + config.approvalThreshold()
            + "): a second approver's token is needed in X-Approver-Token", null));
      }
      int reached = unreachable;
      return stopReferenced(cap)
          .compose(stopped -> created(cap, approval)
              .map(record -> {
                counts.forEach((channel, n) -> recipients.add(n, channel.label()));
                log.info("alert {} ({} {} from {}): {} SMS, {} calls", record.id(), cap.status(), cap.msgType(),
                    cap.sender(), counts.get(Channel.SMS), counts.get(Channel.VOICE));
                fanOut(record, targets, voiceOff.isEmpty());
                return new Accepted(record, counts, reached, stopped.stopped(), stopped.unknown(),
                    voiceOff.orElse(null));
              }));
    });
  }

  private static void checkTargetable(CapAlert cap) {
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
    for (int i = 0; i < cap.infos().size(); i++) {
      CapInfo info = cap.infos().get(i);
      if (info.expires() != null && !info.expires().isAfter(now)) {
        throw new AlertException(400, "alert_expired", "the info expired at " + info.expires()
            + "; an expired warning is not sent", "alert/info[" + i + "]/expires");
      }
    }
    if (cap.infos().isEmpty()) {
      throw new AlertException(400, "invalid_cap", "an " + cap.msgType() + " needs at least one info block to tell"
          + " anyone anything", "alert/info");
    }
    for (int i = 0; i < cap.infos().size(); i++) {
      CapInfo info = cap.infos().get(i);
      boolean located = info.areas().stream()
          .anyMatch(a -> !a.polygons().isEmpty() || !a.circles().isEmpty() || !a.geocodes().isEmpty());
      if (!located) {
        throw new AlertException(400, "invalid_cap", "the info needs an area with a polygon, a circle or a geocode"
            + " to know who to alert", "alert/info[" + i + "]/area");
      }
    }
  }

  private Optional<String> voiceUnavailable(CapAlert cap) {
    if (!config.voiceEnabled()) {
      return Optional.of("alerts.voice_enabled is false");
    }
    VoiceFanOut v = voice;
    return v == null ? Optional.of("the AMI is not enabled (ami.enabled)") : v.unavailable(cap);
  }

  /** What stopping an Update's or a Cancel's references did: recipients stopped, alerts found, references unknown. */
  private record Stopped(int stopped, List<String> found, List<String> unknown) {
    static final Stopped NONE = new Stopped(0, List.of(), List.of());
  }

  /** For an Update or a Cancel: stops the alerts it references; lists the references Relais does not know. */
  private Future<Stopped> stopReferenced(CapAlert cap) {
    if (cap.msgType() != MsgType.Update && cap.msgType() != MsgType.Cancel) {
      return Future.succeededFuture(Stopped.NONE);
    }
    Future<Stopped> chain = Future.succeededFuture(Stopped.NONE);
    for (CapAlert.Reference ref : cap.references()) {
      chain = chain.compose(sofar -> store.findByCap(ref.sender(), ref.identifier(), ref.sent()).compose(found -> {
        if (found.isEmpty()) {
          List<String> unknown = new ArrayList<>(sofar.unknown());
          unknown.add(ref.text());
          return Future.succeededFuture(new Stopped(sofar.stopped(), sofar.found(), unknown));
        }
        List<String> ids = new ArrayList<>(sofar.found());
        ids.add(found.get().id());
        return cancel(found.get().id()).map(n -> new Stopped(sofar.stopped() + n, ids, sofar.unknown()));
      }));
    }
    return chain;
  }

  private Future<Accepted> cancelByCap(CapAlert cap, Approval approval, boolean dryRun) {
    if (dryRun) {
      return Future.succeededFuture(empty(null));
    }
    return stopReferenced(cap).compose(stopped -> created(cap, approval)
        .compose(record -> store.setState(record.id(), AlertState.DONE).map(v -> record))
        .compose(record -> supersede(stopped.found(), record.id()).map(v ->
            new Accepted(record, Map.of(), 0, stopped.stopped(), stopped.unknown(), null))));
  }

  /** Marks the alerts {@code ids} superseded by {@code by}. */
  private Future<Void> supersede(List<String> ids, String by) {
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) {
      chain = chain.compose(v -> store.supersede(id, by));
    }
    return chain;
  }

  private Future<AlertRecord> created(CapAlert cap, Approval approval) {
    return store.create(cap, approval.requestedBy(), approval.approvedBy())
        .onSuccess(r -> received.inc(cap.msgType().name(), cap.status().name()));
  }

  private Future<Accepted> record(CapAlert cap, Approval approval, AlertState state) {
    return created(cap, approval)
        .compose(r -> store.setState(r.id(), state).map(v -> empty(r)));
  }

  private static Accepted empty(AlertRecord record) {
    return new Accepted(record, Map.of(Channel.SMS, 0, Channel.VOICE, 0), 0, 0, List.of(), null);
  }

  /**
   * Stops an alert: its queued messages not yet handed to a bind are withdrawn, its pending
   * recipients cancelled. Completes with how many recipients were stopped.
   */
  public Future<Integer> cancel(String alertId) {
    sms.withdraw(AlertRecord.reference(alertId));
    return store.cancel(alertId).onSuccess(n -> log.info("alert {} cancelled: {} recipients stopped", alertId, n));
  }

  /** Commits the recipients batch after batch, then marks the alert sending. */
  private void fanOut(AlertRecord record, List<Target> targets, boolean withVoice) {
    new AlertFanOut(config, store, texts, sms, voice).run(record, targets, withVoice);
  }

  /**
   * Resumes what a stop interrupted: an alert still targeting is targeted again and only the
   * recipients not yet committed are added (the store skips the others); queued SMS and pending
   * calls resume with the outbound queue and the dialler.
   */
  public Future<Integer> resume() {
    return store.unfinished().compose(alerts -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (AlertRecord a : alerts) {
        if (a.state() != AlertState.TARGETING) {
          continue;
        }
        chain = chain.compose(n -> targeting.targets(a.cap()).map(targets -> {
          log.info("alert {}: resuming the fan-out to {} recipients", a.id(), targets.size());
          fanOut(a, targets, voiceUnavailable(a.cap()).isEmpty());
          return n + 1;
        }));
      }
      return chain;
    });
  }

  /** The alert's record and progress; an alert sending with nothing left to send is marked done. */
  public Future<Optional<Report>> status(String alertId) {
    return store.find(alertId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      AlertRecord record = found.get();
      return store.progress(alertId).compose(p -> {
        boolean finished = record.state() == AlertState.SENDING && p.sms("queued") == 0
            && p.voice(RecipientState.PENDING.label()) == 0 && p.voice(RecipientState.DIALLING.label()) == 0;
        if (!finished) {
          return Future.succeededFuture(Optional.of(new Report(record, p)));
        }
        return store.setState(alertId, AlertState.DONE).map(v -> Optional.of(new Report(
            new AlertRecord(record.id(), record.cap(), AlertState.DONE, record.requestedBy(), record.approvedBy(),
                record.supersededBy(), record.createdAt()), p)));
      });
    });
  }

  /** An alert and its counts. */
  public record Report(AlertRecord record, AlertProgress progress) {}
}

package org.relais.gateway.alerts;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.relais.gateway.alerts.AlertTargeting.Target;
import org.relais.gateway.alerts.cap.CapInfo;
import org.relais.gateway.config.AlertsConfig;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.subscribers.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alert's fan-out: the recipients per channel with their SMS text (built off the event loop),
 * committed in batches of {@code alerts.batch_size}, a few batches at a time; the outbound queue
 * and the dialler are told after each. A failure leaves the alert {@code targeting}, resumed at
 * the next start.
 */
final class AlertFanOut {

  private static final Logger log = LoggerFactory.getLogger(AlertFanOut.class);
  private static final int BATCHES_AT_ONCE = 4;

  private final AlertsConfig config;
  private final AlertStore store;
  private final AlertTexts texts;
  private final OutboundDispatcher sms;
  private final VoiceFanOut voice;

  AlertFanOut(AlertsConfig config, AlertStore store, AlertTexts texts, OutboundDispatcher sms, VoiceFanOut voice) {
    this.config = config;
    this.store = store;
    this.texts = texts;
    this.sms = sms;
    this.voice = voice;
  }

  /** Commits the recipients batch after batch, then marks the alert sending. */
  void run(AlertRecord record, List<Target> targets, boolean withVoice) {
    AlertTargeting.offLoop(() -> recipients(record, targets, withVoice))
        .compose(all -> commit(record, all).map(all.size()))
        .compose(n -> store.setState(record.id(), AlertState.SENDING).map(n))
        .onSuccess(n -> log.info("alert {}: {} recipients committed", record.id(), n))
        .onFailure(e -> log.error("alert {}: fan-out stopped, resumed at the next start: {}", record.id(),
            e.getMessage()));
  }

  private List<Recipient> recipients(AlertRecord record, List<Target> targets, boolean withVoice) {
    List<Recipient> all = new ArrayList<>(targets.size() * 2);
    Map<CapInfo, String> textByInfo = new java.util.IdentityHashMap<>();
    Map<String, Integer> partsByText = new java.util.HashMap<>();
    for (Target t : targets) {
      String language = AlertTexts.primary(t.info().language());
      if (t.who().sms()) {
        String text = textByInfo.computeIfAbsent(t.info(), i -> texts.sms(record.cap(), i));
        int parts = partsByText.computeIfAbsent(text, x -> Math.max(1, sms.partsFor(t.who().msisdn(), x, false)));
        all.add(new Recipient(t.who().msisdn(), Channel.SMS, language, text, parts));
      }
      if (t.who().voice() && withVoice) {
        all.add(new Recipient(t.who().msisdn(), Channel.VOICE, language, null, 0));
      }
    }
    return all;
  }

  /**
   * Commits the recipients a few batches at a time: the store's writer may put the batches queued
   * together in one transaction (fewer syncs), while the first ones are already being sent.
   */
  private Future<Void> commit(AlertRecord record, List<Recipient> all) {
    long validity = config.smsValidity().toMillis();
    List<List<Recipient>> batches = new ArrayList<>();
    for (int from = 0; from < all.size(); from += config.batchSize()) {
      batches.add(all.subList(from, Math.min(all.size(), from + config.batchSize())));
    }
    Future<Void> chain = Future.succeededFuture();
    for (int wave = 0; wave < batches.size(); wave += BATCHES_AT_ONCE) {
      List<List<Recipient>> group = batches.subList(wave, Math.min(batches.size(), wave + BATCHES_AT_ONCE));
      chain = chain.compose(v -> {
        List<Future<Integer>> writes = new ArrayList<>();
        for (List<Recipient> batch : group) {
          writes.add(store.addRecipients(record.id(), batch, validity).onSuccess(n -> {
            sms.wake();
            VoiceFanOut vo = voice;
            if (vo != null && batch.stream().anyMatch(r -> r.channel() == Channel.VOICE)) {
              vo.wake();
            }
          }));
        }
        return Future.all(writes).mapEmpty();
      });
    }
    return chain;
  }

}

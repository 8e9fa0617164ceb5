package org.relais.gateway.telephony.agi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.BiFunction;
import org.relais.gateway.subscribers.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code alert} AGI script, run on an alert call once answered: plays the headline, then the
 * message, then asks "press 1 to confirm, 2 to repeat" (sound {@code <prefix>/<language>/alert_confirm});
 * 1 records the confirmation and plays {@code alert_thanks}, 2 plays it all again (three times at
 * most). Its arguments come from the dialplan: alert id, number, headline sound, message sound,
 * language.
 */
final class AlertCallHandler implements AgiHandler {

  static final String SCRIPT = "alert";
  private static final Logger log = LoggerFactory.getLogger(AlertCallHandler.class);
  private static final Duration CONFIRM_WAIT = Duration.ofSeconds(6);
  private static final int MAX_PLAYS = 3;

  private final String soundPrefix;
  private final BiFunction<String, String, Future<Boolean>> confirm;

  /** @param confirm records that the recipient (alert id, number) pressed 1 */
  AlertCallHandler(String soundPrefix, BiFunction<String, String, Future<Boolean>> confirm) {
    this.soundPrefix = soundPrefix;
    this.confirm = confirm;
  }

  @Override
  public Future<?> handle(AgiSession session, AgiEnvironment env, Context context) {
    String alertId = env.get("arg_1");
    String msisdn = env.get("arg_2");
    String headline = env.get("arg_3");
    String message = env.get("arg_4");
    String language = env.get("arg_5").matches("[a-z]{2,3}") ? env.get("arg_5") : "fr";
    if (alertId.isEmpty() || message.isEmpty()) {
      log.warn("alert call {}: no alert id or message in the AGI arguments", env.uniqueId());
      return session.send(AgiCommands.hangup());
    }
    return play(session, headline, message, language, alertId, msisdn, 1);
  }

  private Future<Void> play(AgiSession session, String headline, String message, String language, String alertId,
      String msisdn, int round) {
    Future<AgiReply> first = headline.isEmpty() ? Future.succeededFuture(null)
        : session.send(AgiCommands.streamFile(headline, ""));
    return first.compose(r -> session.send(AgiCommands.streamFile(message, "")))
        .compose(r -> session.send(AgiCommands.getData(soundPrefix + "/" + language + "/alert_confirm", CONFIRM_WAIT, 1)))
        .compose(reply -> {
          if ("-1".equals(reply.result())) {
            return Future.<Void>succeededFuture();
          }
          String key = reply.result() == null ? "" : AgiCall.keysOnly(reply.result());
          if (key.equals("1")) {
            return confirm.apply(alertId, msisdn)
                .onSuccess(known -> log.info("alert {}: {} confirmed", alertId, PhoneNumbers.mask(msisdn)))
                .compose(v -> session.send(AgiCommands.streamFile(soundPrefix + "/" + language + "/alert_thanks", "")))
                .compose(v -> session.send(AgiCommands.hangup())).<Void>mapEmpty();
          }
          if (key.equals("2") && round < MAX_PLAYS) {
            return play(session, headline, message, language, alertId, msisdn, round + 1);
          }
          return session.send(AgiCommands.hangup()).<Void>mapEmpty();
        });
  }
}

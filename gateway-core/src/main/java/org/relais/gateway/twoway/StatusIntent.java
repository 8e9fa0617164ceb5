package org.relais.gateway.twoway;

import io.vertx.core.Future;
import java.util.Map;
import org.relais.gateway.cases.CaseFollowUp;
import org.relais.gateway.cases.CaseRecord;
import org.relais.gateway.cases.CaseStore;
import org.relais.gateway.cases.TrackingNumbers;

/**
 * A status query, {@code SUIVI 40213377}: a number whose check digit fails is refused at once (a
 * mistyped key), an unknown one said so, a known one answered with its status and its date.
 */
final class StatusIntent implements IntentHandler {

  private final CaseStore cases;
  private final CaseFollowUp followUp;
  private final Replies replies;

  StatusIntent(CaseStore cases, CaseFollowUp followUp, Replies replies) {
    this.cases = cases;
    this.followUp = followUp;
    this.replies = replies;
  }

  @Override
  public Future<String> handle(TextContext text) {
    String reference = KeywordRouter.firstWord(text.rest()).word().replaceAll("[\\s.\\-]", "");
    if (reference.isEmpty()) {
      return replies.send(text.message(), "status_missing", text.language(), Map.of()).map("status without number");
    }
    if (reference.chars().allMatch(Character::isDigit) && !TrackingNumbers.isValid(reference)) {
      return replies.send(text.message(), "status_invalid", text.language(), Map.of("tracking", reference))
          .map("status: invalid number");
    }
    return cases.findByReference(reference).compose(found -> {
      if (found.isEmpty()) {
        return replies.send(text.message(), "status_unknown", text.language(), Map.of("tracking", reference))
            .map("status: unknown number");
      }
      CaseRecord c = found.get();
      String status = c.status() == null ? "received" : c.status();
      return replies.send(text.message(), "status_reply", text.language(), Map.of(
              "tracking", reference,
              "status", followUp.label(status, text.language()),
              "date", CaseFollowUp.date(c.dates().updatedAt())))
          .map("status of " + c.trackingNumber());
    });
  }
}

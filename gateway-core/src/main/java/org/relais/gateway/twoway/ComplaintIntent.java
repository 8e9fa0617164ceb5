package org.relais.gateway.twoway;

import io.vertx.core.Future;
import java.util.Map;
import org.relais.gateway.cases.CaseService;
import org.relais.gateway.cases.Channel;
import org.relais.gateway.cases.NewCase;
import org.relais.gateway.sms.InboundMessage;

/**
 * A complaint: with a category word it opens the case at once; without one, when categories are
 * configured, it asks which (numbered choices) and waits; with no text it asks for one.
 */
final class ComplaintIntent implements IntentHandler {

  private final CaseService cases;
  private final Categories categories;
  private final ComplaintConversation conversation;
  private final Replies replies;

  ComplaintIntent(CaseService cases, Categories categories, ComplaintConversation conversation, Replies replies) {
    this.cases = cases;
    this.categories = categories;
    this.conversation = conversation;
    this.replies = replies;
  }

  @Override
  public Future<String> handle(TextContext text) {
    if (text.rest().isBlank()) {
      return replies.send(text.message(), "complaint_empty", text.language(), Map.of()).map("complaint without text");
    }
    var category = categories.match(text.rest());
    if (category.isPresent()) {
      return open(text.message(), text.language(), category.get(), text.rest());
    }
    if (categories.isEmpty()) {
      return open(text.message(), text.language(), null, text.rest());
    }
    conversation.ask(text);
    return replies.send(text.message(), "complaint_category", text.language(),
            Map.of("choices", categories.choices(text.language(), replies.defaultLanguage())))
        .map(AWAITING_ANSWER);
  }

  /** Opens the case of a text; the text is its source, so doing it twice opens it once. */
  Future<String> open(InboundMessage message, String language, String category, String description) {
    NewCase request = new NewCase(Channel.SMS, message.source(), language, category, description, null, message.id(),
        message.receivedAt());
    return cases.open(request).map(c -> "case " + c.trackingNumber());
  }
}

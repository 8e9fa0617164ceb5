package org.relais.gateway.twoway;

import io.vertx.core.Future;
import java.util.Map;
import org.relais.gateway.sms.InboundMessage;
import org.relais.gateway.sms.NewMessage;
import org.relais.gateway.sms.OutboundDispatcher;
import org.relais.gateway.templates.Templates;
import org.relais.sms.Priority;

/** Answers a citizen's text from a template, in the reply lane, tied to the text it answers. */
final class Replies {

  private final OutboundDispatcher sms;
  private final Templates templates;
  private final String defaultLanguage;

  Replies(OutboundDispatcher sms, Templates templates, String defaultLanguage) {
    this.sms = sms;
    this.templates = templates;
    this.defaultLanguage = defaultLanguage;
  }

  /** Sends the reply; completes with its message id once it is committed. */
  Future<String> send(InboundMessage to, String template, String language, Map<String, ?> values) {
    String text = templates.render(template, language, defaultLanguage, values);
    return sms.send(NewMessage.to(to.source(), text).language(language).priority(Priority.REPLY).reference(to.id())
        .build()).map(m -> m.id());
  }

  String defaultLanguage() {
    return defaultLanguage;
  }

  Templates templates() {
    return templates;
  }
}

package org.relais.gateway.twoway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The complaints waiting for their category, one per number, for {@code sms.conversation_timeout}.
 * When the time runs out the complaint is opened without category: a complaint is never dropped
 * for want of an answer. The text stays in the store as awaiting an answer, so a restart opens it too.
 */
final class ComplaintConversation {

  private final Cache<String, TextContext> waiting;

  /** @param expired called on {@code context} with each complaint whose time ran out */
  ComplaintConversation(Duration timeout, Context context, Consumer<TextContext> expired) {
    this.waiting = Caffeine.newBuilder()
        .expireAfterWrite(timeout)
        .scheduler(Scheduler.systemScheduler())
        .removalListener((String number, TextContext text, RemovalCause cause) -> {
          if (cause == RemovalCause.EXPIRED && text != null) {
            context.runOnContext(v -> expired.accept(text));
          }
        })
        .build();
  }

  /** Remembers a complaint that waits for its category (replacing an older one of the same number, which the caller handles first). */
  void ask(TextContext text) {
    waiting.put(text.message().source(), text);
  }

  /** The complaint a number's next text may answer, taken out of the waiting list. */
  Optional<TextContext> take(String number) {
    return Optional.ofNullable(waiting.asMap().remove(number));
  }

  long size() {
    return waiting.estimatedSize();
  }
}

package org.relais.gateway.telephony.agi;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.engine.Call;
import org.relais.ivr.engine.CallerHungUp;
import org.relais.ivr.engine.Input;
import org.relais.ivr.flow.Prompt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's {@link Call} over one FastAGI session. */
final class AgiCall implements Call {

  private static final Logger log = LoggerFactory.getLogger(AgiCall.class);

  private final AgiSession session;
  private final AgiEnvironment environment;

  AgiCall(AgiSession session, AgiEnvironment environment) {
    this.session = session;
    this.environment = environment;
  }

  @Override
  public String caller() {
    return environment.callerId();
  }

  @Override
  public CompletionStage<Optional<Character>> play(Prompt prompt, String escapeDigits) {
    return session.send(AgiCommands.streamFile(prompt.sound(), escapeDigits)).map(reply -> {
      int result = checked(reply).resultAsInt(-1);
      if (result > 0) {
        return Optional.of((char) result);
      }
      if (result < 0) {
        if (session.hungUp()) {
          throw new CallerHungUp();
        }
        log.warn("call {}: sound {} could not be played (missing on the Asterisk side?)",
            environment.uniqueId(), prompt.sound());
      }
      return Optional.<Character>empty();
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Input> read(Prompt prompt, int maxDigits, Duration timeout) {
    return session.send(AgiCommands.getData(prompt.sound(), timeout, maxDigits)).map(reply -> {
      checked(reply);
      String digits = reply.result() == null ? "" : reply.result();
      if (digits.equals("-1")) {
        throw new CallerHungUp();
      }
      boolean timedOut = "timeout".equals(reply.data()) || digits.length() < maxDigits;
      return new Input(digits.replaceAll("[^0-9*#]", ""), timedOut);
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> setVariable(String name, String value) {
    return session.send(AgiCommands.setVariable(name, value)).<Void>map(reply -> {
      if (!reply.isOk()) {
        throw new IllegalStateException("SET VARIABLE " + name + " failed: " + reply.text());
      }
      return null;
    }).toCompletionStage();
  }

  /** 511 means the channel is gone; 510 and 520 mean Relais sent something Asterisk does not take. */
  private AgiReply checked(AgiReply reply) {
    return switch (reply.code()) {
      case AgiReply.OK -> reply;
      case AgiReply.DEAD_CHANNEL -> throw new CallerHungUp();
      default -> throw new IllegalStateException("Asterisk refused a command: " + reply.text());
    };
  }

  Future<Void> verbose(String message) {
    return session.send(AgiCommands.verbose(message, 1)).mapEmpty();
  }
}

package org.relais.gateway.telephony.agi;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.relais.gateway.config.AgiConfig;
import org.relais.ivr.engine.Call;
import org.relais.ivr.engine.CallerHungUp;
import org.relais.ivr.engine.Collect;
import org.relais.ivr.engine.Input;
import org.relais.ivr.engine.RecordRequest;
import org.relais.ivr.engine.Recording;
import org.relais.ivr.flow.Prompt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link Call} over one FastAGI session. Keys are read with one {@code GET DATA} when
 * Asterisk's own rules fit (# ends the entry, one timeout for every key), else key by key with
 * {@code WAIT FOR DIGIT}, which gives the first key and the next ones their own timeouts.
 */
final class AgiCall implements Call {

  private static final Logger log = LoggerFactory.getLogger(AgiCall.class);
  private static final String ALL_KEYS = "0123456789*#";

  private final AgiSession session;
  private final AgiEnvironment environment;
  private final AgiConfig config;
  private int recordings;

  AgiCall(AgiSession session, AgiEnvironment environment, AgiConfig config) {
    this.session = session;
    this.environment = environment;
    this.config = config;
  }

  @Override
  public String caller() {
    return environment.callerId();
  }

  @Override
  public String id() {
    return environment.uniqueId();
  }

  @Override
  public CompletionStage<Optional<Character>> play(Prompt prompt, String escapeDigits) {
    return speak(prompt, escapeDigits).toCompletionStage();
  }

  /**
   * Plays a prompt. Asterisk answers {@code result=-1} both for a hangup and for a sound it cannot
   * play: with {@code endpos} past 0 the sound was playing, so the caller hung up; at 0 (and for a
   * text-to-speech application that fails) {@link #stillThere} tells the two apart.
   */
  private Future<Optional<Character>> speak(Prompt prompt, String escapeDigits) {
    if (prompt.tts() && !config.ttsApplication().isEmpty()) {
      return session.send(AgiCommands.exec(config.ttsApplication(), prompt.text())).compose(reply -> {
        int result = checked(reply).resultAsInt(0);
        if (result == -2) {
          log.warn("call {}: the text-to-speech application {} is missing", id(), config.ttsApplication());
        } else if (result < 0) {
          return stillThere().map(v -> {
            log.warn("call {}: the text-to-speech application {} failed", id(), config.ttsApplication());
            return Optional.<Character>empty();
          });
        }
        return Future.succeededFuture(Optional.<Character>empty());
      });
    }
    return session.send(AgiCommands.streamFile(prompt.sound(), escapeDigits)).compose(reply -> {
      int result = checked(reply).resultAsInt(-1);
      if (result > 0) {
        return Future.succeededFuture(Optional.of((char) result));
      }
      if (result < 0) {
        if (reply.endpos() != null && reply.endpos() > 0) {
          throw new CallerHungUp();
        }
        return stillThere().map(v -> {
          log.warn("call {}: sound {} could not be played (missing on the Asterisk side?)", id(), prompt.sound());
          return Optional.<Character>empty();
        });
      }
      return Future.succeededFuture(Optional.<Character>empty());
    });
  }

  /** Succeeds while the channel is up; fails with {@link CallerHungUp} once it is gone ({@code CHANNEL STATUS} gets 511). */
  private Future<Void> stillThere() {
    return session.send(AgiCommands.channelStatus()).map(reply -> {
      checked(reply);
      return null;
    });
  }

  @Override
  public CompletionStage<Input> read(Prompt prompt, Collect collect) {
    boolean oneCommand = !prompt.tts() && collect.terminators().equals("#")
        && (collect.maxDigits() == 1 || collect.firstDigit().equals(collect.interDigit()));
    if (oneCommand) {
      return getData(prompt, collect).toCompletionStage();
    }
    return speak(prompt, ALL_KEYS)
        .compose(key -> key.isPresent() ? Future.succeededFuture(key) : waitForDigit(collect.firstDigit()))
        .compose(key -> keys(new StringBuilder(), key, collect))
        .toCompletionStage();
  }

  /** {@code GET DATA}: {@code 200 result=<keys>}, {@code (timeout)} when the caller stopped, {@code -1} on hangup. */
  private Future<Input> getData(Prompt prompt, Collect collect) {
    return session.send(AgiCommands.getData(prompt.sound(), collect.firstDigit(), collect.maxDigits())).map(reply -> {
      checked(reply);
      String digits = reply.result() == null ? "" : reply.result();
      if (digits.equals("-1")) {
        throw new CallerHungUp();
      }
      String keys = keysOnly(digits);
      Input.Stop stop = "timeout".equals(reply.data()) ? Input.Stop.TIMEOUT
          : keys.length() >= collect.maxDigits() ? Input.Stop.MAX_DIGITS : Input.Stop.TERMINATOR;
      return new Input(keys, stop);
    });
  }

  /** Adds {@code key} to the entry and waits for the next one, until a terminator, the maximum or a timeout. */
  private Future<Input> keys(StringBuilder digits, Optional<Character> key, Collect collect) {
    if (key.isEmpty()) {
      return Future.succeededFuture(new Input(digits.toString(), Input.Stop.TIMEOUT));
    }
    char c = key.get();
    if (collect.terminators().indexOf(c) >= 0) {
      return Future.succeededFuture(new Input(digits.toString(), Input.Stop.TERMINATOR));
    }
    digits.append(c);
    if (digits.length() >= collect.maxDigits()) {
      return Future.succeededFuture(new Input(digits.toString(), Input.Stop.MAX_DIGITS));
    }
    return waitForDigit(collect.interDigit()).compose(next -> keys(digits, next, collect));
  }

  /** {@code WAIT FOR DIGIT}: the key's code, {@code 0} on timeout, {@code -1} on hangup. */
  private Future<Optional<Character>> waitForDigit(Duration timeout) {
    return session.send(AgiCommands.waitForDigit(timeout)).map(reply -> {
      int code = checked(reply).resultAsInt(-1);
      if (code < 0) {
        throw new CallerHungUp();
      }
      return code == 0 ? Optional.<Character>empty() : Optional.of((char) code);
    });
  }

  @Override
  public CompletionStage<Recording> record(RecordRequest request) {
    String file = config.recordingsDir() + "/" + safe(id()) + "-" + safe(request.label()) + "-" + ++recordings;
    String command = AgiCommands.recordFile(file, config.recordingFormat(), request.maxDuration(), request.silence(),
        request.beep());
    return session.send(command).map(reply -> {
      int result = checked(reply).resultAsInt(-1);
      if (result < 0 || "hangup".equals(reply.data())) {
        throw new CallerHungUp();
      }
      long samples = reply.endpos() == null ? 0 : reply.endpos();
      return new Recording(file, Duration.ofMillis(samples * 1000 / sampleRate()));
    }).toCompletionStage();
  }

  private int sampleRate() {
    String format = config.recordingFormat();
    return format.endsWith("16") ? 16_000 : 8_000;
  }

  /** Keeps a file name to letters, digits, '.', '-' and '_'. */
  private static String safe(String part) {
    String s = part == null ? "" : part.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() ? "call" : s;
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

  /** {@code HANGUP}; a 511 means the caller was gone already, which is what was asked. */
  @Override
  public CompletionStage<Void> hangup() {
    return session.send(AgiCommands.hangup()).<Void>map(reply -> null).toCompletionStage();
  }

  @Override
  public boolean callerGone() {
    return session.hungUp();
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

  /** The keys of a keypad in {@code digits} (0-9, * and #), anything else dropped. */
  static String keysOnly(String digits) {
    StringBuilder keys = new StringBuilder(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (ALL_KEYS.indexOf(c) >= 0) {
        keys.append(c);
      }
    }
    return keys.length() == digits.length() ? digits : keys.toString();
  }
}

package org.relais.gateway.telephony.agi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.VerboseCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;

/**
 * The AGI commands Relais sends, built by Asterisk-Java's command classes (their quoting and
 * escaping); every argument is first stripped of control characters, so no data can end a command
 * line and start another. The commands that play a prompt come from a small set (prompts,
 * languages, timeouts, routes), so each is built once and kept.
 */
final class AgiCommands {

  private static final int MAX_KEPT = 10_000;
  private static final Map<String, String> KEPT = new ConcurrentHashMap<>();

  private static final String ROUTE_VARIABLE = org.relais.ivr.engine.FlowEngine.ROUTE_VARIABLE;
  private static final String HANGUP = build(new HangupCommand());
  private static final String CHANNEL_STATUS = build(new ChannelStatusCommand());

  private AgiCommands() {}

  static String streamFile(String sound, String escapeDigits) {
    return kept("S" + sound + '\0' + escapeDigits,
        () -> build(new StreamFileCommand(clean(sound), clean(escapeDigits))));
  }

  static String getData(String sound, Duration timeout, int maxDigits) {
    return kept("G" + sound + '\0' + timeout.toMillis() + '\0' + maxDigits,
        () -> build(new GetDataCommand(clean(sound), timeout.toMillis(), maxDigits)));
  }

  /** The command built once for {@code key}; past {@link #MAX_KEPT} commands, built each time. */
  private static String kept(String key, Supplier<String> command) {
    String line = KEPT.get(key);
    if (line == null) {
      line = command.get();
      if (KEPT.size() < MAX_KEPT) {
        KEPT.put(key, line);
      }
    }
    return line;
  }

  static String waitForDigit(Duration timeout) {
    return kept("W" + timeout.toMillis(), () -> build(new WaitForDigitCommand(timeout.toMillis())));
  }

  /** Records until # or {@code silence} of quiet or {@code max}; a beep first when asked. */
  static String recordFile(String file, String format, Duration max, Duration silence, boolean beep) {
    return build(new RecordFileCommand(clean(file), clean(format), "#", (int) max.toMillis(), 0, beep,
        (int) silence.toSeconds()));
  }

  /** Runs a dialplan application (the text-to-speech one, for a prompt without a recorded sound). */
  static String exec(String application, String options) {
    return build(new ExecCommand(clean(application), clean(options)));
  }

  /** {@code CHANNEL STATUS}: 200 while the channel lives, 511 once it is gone. */
  static String channelStatus() {
    return CHANNEL_STATUS;
  }

  static String hangup() {
    return HANGUP;
  }

  /** Sets a channel variable; the route's commands are kept (their values come from the flows, not from callers). */
  static String setVariable(String name, String value) {
    if (!name.equals(ROUTE_VARIABLE)) {
      return build(new SetVariableCommand(clean(name), clean(value)));
    }
    return kept("V" + value, () -> build(new SetVariableCommand(clean(name), clean(value))));
  }

  static String verbose(String message, int level) {
    return build(new VerboseCommand(clean(message), level));
  }

  private static String build(AgiCommand command) {
    String line = command.buildCommand();
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalStateException("an AGI command may not span lines");
    }
    return line;
  }

  /** Removes control characters (newline, carriage return, NUL...) from an argument. */
  static String clean(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}

package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No value a caller or a flow can bring (a caller id, a recorded file name, a route, a TTS text)
 * can add a command to the AGI conversation: control characters are dropped, quotes escaped, and
 * every command is one line with its arguments where they belong.
 */
class AgiCommandsTest {

  @ParameterizedTest
  @ValueSource(strings = {"queue:x\nEXEC System rm -rf /", "queue:x\r\nHANGUP", "x\u0000HANGUP", "x\u2028y",
      "a\" \"EXEC System id", "\\\"\n\"", "queue:x\n\n"})
  void shouldKeepEveryCommandOnOneLineWhateverTheValue(String hostile) {
    for (String command : new String[] {
        AgiCommands.setVariable("RELAIS_ROUTE", hostile),
        AgiCommands.setVariable(hostile, "v"),
        AgiCommands.streamFile("relais/fr/" + hostile, hostile),
        AgiCommands.exec("Flite", hostile),
        AgiCommands.verbose(hostile, 1),
        AgiCommands.recordFile("/var/spool/" + hostile, "wav", Duration.ofSeconds(60), Duration.ofSeconds(3), true)}) {
      assertThat(command).as(command).doesNotContain("\n", "\r", "\u0000");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\" \"EXEC System id", "say \"hello\" now"})
  void shouldKeepAQuotedValueOneArgument(String value) {
    String command = AgiCommands.setVariable("RELAIS_ROUTE", value);
    assertThat(command).startsWith("SET VARIABLE \"RELAIS_ROUTE\" \"");
    String argument = command.substring("SET VARIABLE \"RELAIS_ROUTE\" ".length());
    assertThat(argument).endsWith("\"");
    String inside = argument.substring(1, argument.length() - 1);
    assertThat(inside.replace("\\\"", "")).as("every quote inside is escaped").doesNotContain("\"");
  }
}

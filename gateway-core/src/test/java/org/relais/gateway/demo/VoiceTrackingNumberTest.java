package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.MutableClock;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.cases.TrackingNumbers;
import org.relais.gateway.config.ConfigLoader;
import org.relais.ivr.flow.PromptCatalog;

/**
 * A caller by phone gets one tracking number everywhere, even from a core that issues its own
 * ("REQ-1"): the digits read back on the line are the number in the SMS, and keyed in on the
 * hotline they find the case. Walked in English, so the read-back runs in a language other than
 * the channel's.
 */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class VoiceTrackingNumberTest {

  private static final String CALLER = "+21620707071";

  @TempDir
  Path dir;

  @Test
  void shouldReadBackTheNumberOfTheSmsAndFindItOnTheKeypadWhenTheCoreIssuesItsOwn() throws Exception {
    MutableClock clock = new MutableClock(FlowWalker.OPEN);
    try (TestGateway relais = TestGateway.start(dir, Map.of(), clock)) {
      relais.core.issueTrackingNumbers("REQ-");
      PromptCatalog prompts = PromptCatalog.load(ConfigLoader.embeddedHome().resolve("prompts"), "relais");

      String heard = call(relais, prompts, "3\n3\nA leaking meter in front of 4 rue de Rome\n1\n");
      Matcher readBack = Pattern.compile("Your complaint is recorded under the number\\s+<<\\s+([0-9 ]+)")
          .matcher(heard);
      assertThat(readBack.find()).as(heard).isTrue();
      String digits = readBack.group(1).replace(" ", "");

      Matcher sms = Pattern.compile("(\\d{6,12})").matcher(relais.reply(CALLER, 0).text());
      assertThat(sms.find()).as(relais.reply(CALLER, 0).text()).isTrue();
      assertThat(digits).isEqualTo(sms.group(1));
      assertThat(TrackingNumbers.isValid(digits)).as("a number with its check digit").isTrue();
      assertThat(relais.reply(CALLER, 0).text()).doesNotContain("REQ-");

      TestGateway.await("the core's own number", 15_000, () -> relais.core.cases().size() == 1);
      assertThat(relais.query("SELECT core_tracking FROM cases").getFirst()).containsEntry("core_tracking", "REQ-1");
      // The language chosen is remembered: the second call starts at the main menu.
      String status = call(relais, prompts, "4\n" + digits + "#\n0\n");
      assertThat(status).as("found by its number on the keypad").contains("Request number")
          .doesNotContain("is not valid");
    }
  }

  private static String call(TestGateway relais, PromptCatalog prompts, String keys) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    CallConsole console = new CallConsole(prompts, new BufferedReader(new StringReader(keys)),
        new PrintStream(screen, true, StandardCharsets.UTF_8));
    console.call("127.0.0.1", relais.gateway.agiPort(), "hotline", CALLER);
    return screen.toString(StandardCharsets.UTF_8);
  }
}

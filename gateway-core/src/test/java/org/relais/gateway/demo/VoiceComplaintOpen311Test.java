package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
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
import org.relais.gateway.config.ConfigLoader;
import org.relais.ivr.flow.PromptCatalog;

/**
 * A complaint by phone with the Open311 contract, round trip: the caller records it on the hotline
 * over FastAGI, the Open311 server receives it with the recording's URL and the caller's number,
 * the caller gets the tracking number by SMS, and hears back by SMS when the server updates it.
 */
@Timeout(60)
@ExtendWith(NoBlockedEventLoops.class)
class VoiceComplaintOpen311Test {

  private static final String CALLER = "+21620707070";

  @TempDir
  Path dir;

  @Test
  void shouldTakeAComplaintByPhoneToTheOpen311ServerAndItsStatusBackBySms() throws Exception {
    MutableClock clock = new MutableClock(FlowWalker.OPEN);
    try (TestGateway relais = TestGateway.start(dir, Map.of("RELAIS_CORE_PROTOCOL", "open311",
        "RELAIS_AGI_RECORDING_URL", "https://media.ville.example/relais"), clock)) {
      PromptCatalog prompts = PromptCatalog.load(ConfigLoader.embeddedHome().resolve("prompts"), "relais");
      ByteArrayOutputStream screen = new ByteArrayOutputStream();
      CallConsole console = new CallConsole(prompts,
          new BufferedReader(new StringReader("1\n3\nCompteur qui fuit devant le 4 rue de Rome\n2\n1\n")),
          new PrintStream(screen, true, StandardCharsets.UTF_8));
      String route = console.call("127.0.0.1", relais.gateway.agiPort(), "hotline", CALLER);
      String heard = screen.toString(StandardCharsets.UTF_8);
      assertThat(route).as(heard).isEqualTo("hangup");
      assertThat(heard).contains("Votre réclamation est enregistrée sous le numéro");

      Matcher sms = Pattern.compile("^Votre réclamation est enregistrée sous le numéro (\\d{8})")
          .matcher(relais.reply(CALLER, 0).text());
      assertThat(sms.find()).isTrue();
      String tracking = sms.group(1);

      TestGateway.await("the request at the Open311 server", 15_000, () -> relais.open311.requests().size() == 1);
      MultiMap form = relais.open311.posts().getFirst();
      assertThat(form.get("phone")).isEqualTo(CALLER);
      assertThat(form.get("attribute[channel]")).isEqualTo("voice");
      assertThat(form.get("attribute[tracking_number]")).isEqualTo(tracking);
      assertThat(form.get("media_url")).matches("https://media\\.ville\\.example/relais/.+-complaint-1\\.wav");
      assertThat(form.get("service_code")).as("a hotline complaint names no category: the default service")
          .isEqualTo("general");
      String requestId = relais.open311.requests().keySet().iterator().next();

      relais.open311.update(requestId, "closed", "Compteur remplacé");
      assertThat(relais.reply(CALLER, 1).text()).isEqualTo("Votre demande " + tracking + ": clôturée. Compteur remplacé");
    }
  }
}

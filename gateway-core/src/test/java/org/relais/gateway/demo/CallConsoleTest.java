package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.MutableClock;
import org.relais.gateway.TestGateway;
import org.relais.gateway.config.ConfigLoader;
import org.relais.ivr.flow.PromptCatalog;

/** {@code ./relais call}: the terminal plays Asterisk against a running gateway. */
@Timeout(60)
class CallConsoleTest {

  /** A Wednesday, 11:00 in Tunis: the hotline is open. */
  static final Instant OPEN = Instant.parse("2026-03-18T10:00:00Z");

  @TempDir
  Path dir;
  private TestGateway relais;
  private final PromptCatalog prompts = PromptCatalog.load(ConfigLoader.embeddedHome().resolve("prompts"), "relais");

  @BeforeEach
  void start() throws Exception {
    relais = TestGateway.start(dir, Map.of(), new MutableClock(OPEN));
  }

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  private String[] call(String keys, String caller) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    CallConsole console = new CallConsole(prompts, new BufferedReader(new StringReader(keys)),
        new PrintStream(screen, true, StandardCharsets.UTF_8));
    String route = console.call("127.0.0.1", relais.gateway.agiPort(), "hotline", caller);
    return new String[] {route, screen.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void shouldPrintThePromptsAndWhereTheCallWent() throws Exception {
    String[] result = call("1\n1\n1\n", "+21620123456");
    assertThat(result[0]).isEqualTo("queue:emergency");
    assertThat(result[1]).contains("Pour le français, tapez 1.")
        .contains("Bienvenue au service clients.")
        .contains("Pour votre facture, tapez 2.")
        .contains("Si vous sentez une odeur de gaz")
        .contains("Routed to queue emergency.");
  }

  @Test
  void shouldRememberTheLanguageForTheNextCall() throws Exception {
    call("3\n0\n", "+21620999999");
    String[] second = call("1\n2\n", "+21620999999");
    assertThat(second[1]).doesNotContain("Pour le français").contains("Welcome to customer service.");
    assertThat(second[0]).isEqualTo("queue:outages");
  }

  @Test
  void shouldReadANumberBackOnOneLineAndPrintWhatTheAgentIsGiven() throws Exception {
    String[] result = call("1\n2\n79927398713#\n", "");
    assertThat(result[1]).contains("Tapez votre numéro client")
        .contains("(for the agent: RELAIS_ACCOUNT = 79927398713)");
    assertThat(result[0]).as("an unknown account still reaches billing").isEqualTo("queue:billing");
  }

  @Test
  void shouldHangUpWhenTheKeysRunOut() throws Exception {
    String[] result = call("", "");
    assertThat(result[0]).isNull();
    assertThat(result[1]).contains("(hang up)").contains("The call ended without a route.");
  }
}

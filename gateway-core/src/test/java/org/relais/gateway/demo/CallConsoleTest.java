package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.TestGateway;
import org.relais.gateway.config.ConfigLoader;
import org.relais.ivr.flow.PromptCatalog;

/** {@code ./relais call}: the terminal plays Asterisk against a running gateway. */
@Timeout(60)
class CallConsoleTest {

  @TempDir
  Path dir;
  private TestGateway relais;
  private final PromptCatalog prompts = PromptCatalog.load(ConfigLoader.embeddedHome().resolve("prompts"), "relais");

  @BeforeEach
  void start() throws Exception {
    relais = TestGateway.start(dir);
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
    String[] result = call("1\n2\n", "+21620123456");
    assertThat(result[0]).isEqualTo("queue:billing");
    assertThat(result[1]).contains("Pour le français, tapez 1.")
        .contains("Bienvenue au service clients.")
        .contains("Pour votre facture, tapez 2.")
        .contains("Routed to queue billing.");
  }

  @Test
  void shouldRememberTheLanguageForTheNextCall() throws Exception {
    call("3\n0\n", "+21620999999");
    String[] second = call("1\n", "+21620999999");
    assertThat(second[1]).doesNotContain("Pour le français").contains("Welcome to customer service.");
    assertThat(second[0]).isEqualTo("queue:outages");
  }

  @Test
  void shouldHangUpWhenTheKeysRunOut() throws Exception {
    String[] result = call("", "");
    assertThat(result[0]).isNull();
    assertThat(result[1]).contains("(hang up)").contains("The call ended without a route.");
  }
}

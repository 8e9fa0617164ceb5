package org.relais.gateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whatever Asterisk (or anything else) sends on a FastAGI connection, as the environment block
 * and then as replies to commands: the session reads it, or closes the call with a reason;
 * nothing escapes, and every command written is one line.
 */
class AgiSessionFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void shouldReadAnyEnvironmentAndRepliesOrCloseTheCall(byte[] input) {
    List<String> written = new ArrayList<>();
    boolean[] closed = {false};
    AgiSession session = new AgiSession(new AgiSession.Wire() {
      @Override
      public void write(String line) {
        written.add(line);
      }

      @Override
      public void close() {
        closed[0] = true;
      }
    }, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1));
    for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
      if (session.environment().isComplete() && !session.isClosed()) {
        session.send(AgiCommands.streamFile("relais/fr/" + line, "0123456789"));
      }
      session.onLine(line);
    }
    assertThat(written).allSatisfy(w -> assertThat(w).doesNotContain("\n", "\r"));
    if (session.isClosed()) {
      assertThat(session.closeReason()).isNotBlank();
    }
  }
}

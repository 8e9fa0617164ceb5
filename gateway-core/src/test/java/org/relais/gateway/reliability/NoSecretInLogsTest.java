package org.relais.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.TestGateway;
import org.relais.sms.smpp.TestSmsc;

/**
 * A busy stretch of a gateway (a complaint by SMS while the core is down, messages sent and
 * refused, bad tokens) logged at DEBUG: no line carries a whole phone number, a token, the core's
 * API key or the SMSC password.
 */
@Timeout(60)
class NoSecretInLogsTest {

  private static final String CITIZEN = "+21620123456";
  private static final String RECIPIENT = "+21698765432";
  private static final String REFUSED = "+21655443322";
  private static final String CORE_KEY = "core-key-Zx81Qp";
  private static final String SMPP_PASSWORD = "pwZx81Qp";

  @TempDir
  Path dir;

  @Test
  void shouldMaskNumbersAndLeaveSecretsOutOfEveryLogLine() throws Exception {
    List<String> lines;
    try (LogCapture logs = new LogCapture();
        TestGateway relais = TestGateway.start(dir, Map.of("RELAIS_CORE_API_KEY", CORE_KEY,
            "RELAIS_SMPP_PASSWORD", SMPP_PASSWORD))) {
      relais.core.failWith(500);
      relais.smsc.respondWith(s -> s.getDestAddress().getAddress().equals(REFUSED.substring(1))
          ? TestSmsc.refuse(s, SmppConstants.STATUS_INVDSTADR) : relais.smsc.accept(s));
      assertThat(relais.citizenSends(CITIZEN, "PLAINTE fuite d'eau rue de Marseille")).isZero();
      assertThat(relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
          "{\"to\":\"" + RECIPIENT + "\",\"text\":\"Coupure demain\"}").statusCode()).isEqualTo(202);
      assertThat(relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
          "{\"to\":\"" + REFUSED + "\",\"text\":\"Facture\"}").statusCode()).isEqualTo(202);
      assertThat(relais.api("GET", "/api/v1/cases", "wrong-" + TestGateway.ADMIN, null).statusCode()).isEqualTo(401);
      TestGateway.await("the core tried", 10_000, () -> relais.core.posts() >= 2);
      TestGateway.await("the refusal recorded", 10_000, () -> {
        try {
          return !relais.query("SELECT id FROM messages WHERE state = 'rejected'").isEmpty();
        } catch (Exception e) {
          return false;
        }
      });
      relais.core.failWith(0);
      TestGateway.await("the case handed off", 10_000, () -> relais.core.cases().size() == 1);
      lines = logs.lines();
    }
    assertThat(lines).as("something was logged").isNotEmpty();
    for (String secret : List.of(CITIZEN.substring(1), RECIPIENT.substring(1), REFUSED.substring(1),
        TestGateway.ADMIN, TestGateway.SENDER, TestGateway.CORE, CORE_KEY, SMPP_PASSWORD)) {
      assertThat(lines).as("no log line shows " + secret).noneMatch(line -> line.contains(secret));
    }
  }
}

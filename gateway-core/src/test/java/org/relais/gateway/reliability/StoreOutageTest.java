package org.relais.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relais.gateway.TestGateway;

/**
 * The store stops taking writes (a full disk, a read-only file) under a running gateway: the API
 * answers 503 with Retry-After, the SMSC gets a temporary error (ESME_RX_T_APPN) for each text so
 * it delivers it again, /health says the store is down, and nothing is acknowledged that is not
 * committed. Once the store takes writes again, everything resumes without a restart.
 */
@Timeout(120)
class StoreOutageTest {

  private static final int ESME_RX_T_APPN = 0x64;
  private static final int POSTS = 200;
  private static final int TEXTS = 50;
  private static final String POSTED = "SELECT id, body FROM messages WHERE destination LIKE '+2169%'";

  @TempDir
  Path dir;
  private TestGateway relais;

  @AfterEach
  void stop() throws Exception {
    relais.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"disk full", "read-only file"})
  void shouldRefuseWhatItCannotCommitAndResumeWhenTheStoreDoes(String fault) throws Exception {
    relais = TestGateway.start(dir);
    StoreFaults faults = new StoreFaults(relais.gateway);
    HttpResponse<String> first = post(0);
    assertThat(first.statusCode()).isEqualTo(202);
    String firstId = TestGateway.json(first).getString("id");
    TestGateway.await("the first message submitted", 10_000, () -> submitted() == 1);
    if (fault.equals("disk full")) {
      faults.diskFull();
    } else {
      faults.readOnly();
    }

    List<String> accepted = new ArrayList<>();
    int unavailable = 0;
    for (int n = 1; n <= POSTS; n++) {
      HttpResponse<String> r = post(n);
      if (r.statusCode() == 202) {
        accepted.add(TestGateway.json(r).getString("id"));
      } else {
        assertThat(r.statusCode()).as("post " + n).isEqualTo(503);
        assertThat(TestGateway.json(r).getJsonObject("error").getString("code")).isEqualTo("store_unavailable");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        unavailable++;
      }
    }
    Set<Integer> acknowledged = new HashSet<>();
    int temporary = 0;
    for (int n = 0; n < TEXTS; n++) {
      int status = relais.citizenSends(citizen(n), "INFO " + n);
      if (status == 0) {
        acknowledged.add(n);
      } else {
        assertThat(status).as("text " + n).isEqualTo(ESME_RX_T_APPN);
        temporary++;
      }
    }
    HttpResponse<String> health = relais.api("GET", "/health", null, null);
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(TestGateway.json(health).getJsonObject("store").getBoolean("up")).isFalse();

    assertThat(unavailable).as("the API refused while the store could not commit").isPositive();
    assertThat(temporary).as("the SMSC was told to deliver again").isPositive();
    Set<String> committed = new HashSet<>();
    relais.query(POSTED).forEach(r -> committed.add((String) r.get("id")));
    assertThat(committed).as("every 202 is committed").containsAll(accepted);
    committed.removeAll(accepted);
    committed.remove(firstId);
    assertThat(committed).as("committed without a 202").isEmpty();
    assertThat(relais.query("SELECT source FROM inbound")).as("exactly the texts acknowledged")
        .hasSize(acknowledged.size());
    Figures.record("StoreOutageTest", "%s: %d of %d posts refused with 503 (%d committed and accepted), %d of %d texts"
        .formatted(fault, unavailable, POSTS, accepted.size(), temporary, TEXTS)
        + " answered ESME_RX_T_APPN; every acknowledgement matched a committed row");

    faults.heal();
    for (int n = 0; n < TEXTS; n++) {
      if (!acknowledged.contains(n)) {
        assertThat(relais.citizenSends(citizen(n), "INFO " + n)).as("the SMSC delivers text " + n + " again")
            .isZero();
      }
    }
    HttpResponse<String> after = post(POSTS + 1);
    assertThat(after.statusCode()).isEqualTo(202);
    assertThat(relais.query("SELECT source FROM inbound")).as("every text once").hasSize(TEXTS);
    TestGateway.await("the store up in /health", 10_000, () -> storeUp());
    int expected = accepted.size() + 2;
    TestGateway.await("every accepted message sent", 30_000, () -> submitted() == expected);
  }

  private int submitted() {
    try {
      return relais.query(POSTED + " AND state = 'submitted'").size();
    } catch (Exception e) {
      return -1;
    }
  }

  private boolean storeUp() {
    try {
      JsonObject h = TestGateway.json(relais.api("GET", "/health", null, null));
      return h.getJsonObject("store").getBoolean("up");
    } catch (Exception e) {
      return false;
    }
  }

  private HttpResponse<String> post(int n) throws Exception {
    return relais.api("POST", "/api/v1/messages", TestGateway.SENDER,
        "{\"to\":\"+2169" + "%07d".formatted(n) + "\",\"text\":\"Facture disponible " + n + "\"}");
  }

  private static String citizen(int n) {
    return "+2164%07d".formatted(n);
  }
}

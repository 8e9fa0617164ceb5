package org.relais.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relais.gateway.demo.FlowWalker.CLOSED;
import static org.relais.gateway.demo.FlowWalker.HOLIDAY;
import static org.relais.gateway.demo.FlowWalker.OPEN;
import static org.relais.gateway.demo.FlowWalker.hear;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.NoBlockedEventLoops;
import org.relais.gateway.TestGateway;
import org.relais.gateway.demo.FlowWalker.Walk;

/** Every branch of the utility's hotline, called as {@code ./relais call hotline} does. */
@Timeout(180)
@ExtendWith(NoBlockedEventLoops.class)
class HotlineWalkTest {

  private static final String CALLED_BACK = "un conseiller vous rappellera";

  @TempDir
  Path dir;

  @Test
  void shouldWalkEveryBranchOfTheHotline() throws Exception {
    try (FlowWalker w = new FlowWalker(dir)) {
      String received = w.caseWithStatus(null);
      String inProgress = w.caseWithStatus("in_progress");
      String resolved = w.caseWithStatus("Resolved");
      String closed = w.caseWithStatus("closed");
      String rejected = w.caseWithStatus("rejected");
      char last = received.charAt(received.length() - 1);
      String typo = received.substring(0, received.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
      String unknown = "55555556";
      String account = Demo.ACCOUNT_NUMBER;
      List<Walk> walks = List.of(
          new Walk("danger: straight to the emergency queue", w.fresh(), OPEN, false, "1\n1\n1\n", "queue:emergency",
              hear("Pour le français", "Bienvenue au service clients.", "Si vous sentez une odeur de gaz",
                  "immédiatement en relation avec le service d'urgence")),
          new Walk("outage, short wait", w.fresh(), OPEN, false, "1\n1\n2\n", "queue:outages", hear("Merci de patienter")),
          new Walk("outage, long wait, called back", w.fresh(), OPEN, true, "1\n1\n2\n1\n", "hangup",
              hear("L'attente est longue", CALLED_BACK)),
          new Walk("outage, long wait, holds", w.fresh(), OPEN, true, "1\n1\n2\n2\n", "queue:outages", hear()),
          new Walk("billing, account found by the number", account, OPEN, false, "1\n2\n1\n", "queue:billing",
              hear("Votre numéro client est le", "7 9 9 2 7 3 9 8 7 1 3", "(for the agent: RELAIS_ACCOUNT = 79927398713)")),
          new Walk("billing, not mine, keyed in after a typo, called back", account, OPEN, true,
              "2\n2\n123#\n79927398713#\n1\n", "hangup", hear("Tapez votre numéro client",
                  "Ce numéro client n'est pas valide.", CALLED_BACK)),
          new Walk("billing, unknown account, holds", w.fresh(), OPEN, true, "1\n2\n1234567897#\n2\n", "queue:billing",
              hear("Nous ne trouvons pas ce compte.", "(for the agent: RELAIS_ACCOUNT = 1234567897)")),
          new Walk("complaint recorded, listened to, kept", w.fresh(), OPEN, false,
              "1\n3\nFuite d'eau devant le 12 rue de Marseille\n2\n1\n", "hangup",
              hear("Après le bip, décrivez votre réclamation", "(your recording: \"Fuite d'eau devant le 12 rue de Marseille\")",
                  "Votre réclamation est enregistrée sous le numéro", "Ce numéro vous est aussi envoyé par SMS.",
                  "Merci de votre appel. Au revoir.")),
          new Walk("complaint, nothing said twice", w.fresh(), OPEN, false, "1\n3\n\n\n", "hangup",
              hear("Nous ne vous avons pas entendu.")),
          new Walk("status: a typo, received, back to the menu, in progress, an agent", w.fresh(), OPEN, false,
              "1\n4\n" + typo + "#\n" + received + "#\n1\n4\n" + inProgress + "#\n0\n", "queue:operator",
              hear("Ce numéro n'est pas valide.", "Demande numéro", "Votre demande est enregistrée",
                  "Votre demande est en cours de traitement.")),
          new Walk("status: resolved, closed, rejected, unknown", w.fresh(), OPEN, false,
              "1\n4\n" + resolved + "#\n1\n4\n" + closed + "#\n1\n4\n" + rejected + "#\n1\n4\n" + unknown + "#\n0\n",
              "queue:operator", hear("Votre demande a été traitée.", "Votre demande est close.",
                  "n'a pas pu être retenue", "Nous ne trouvons pas de demande sous ce numéro.")),
          new Walk("status: nothing keyed", w.fresh(), OPEN, false, "1\n4\n\n\n\n", "queue:operator",
              hear("Nous n'avons rien reçu.")),
          new Walk("suppliers: every payment status, then accounting", w.fresh(), OPEN, false,
              "1\n5\n12#\n2026000127#\n1\n2026000135#\n1\n2026000143#\n1\n2026000150#\n1\n99999#\n0\n",
              "queue:suppliers", hear("Ce numéro de facture n'est pas valide.", "son paiement est programmé",
                  "Cette facture est payée.", "Cette facture a été rejetée", "en cours de vérification",
                  "Nous ne trouvons pas cette facture.")),
          new Walk("agent, short wait", w.fresh(), OPEN, false, "1\n0\n", "queue:operator", hear()),
          new Walk("agent, long wait, called back", w.fresh(), OPEN, true, "1\n0\n1\n", "hangup", hear(CALLED_BACK)),
          new Walk("agent, long wait, withheld number", "", OPEN, true, "1\n0\n1\n", "queue:operator", hear()),
          new Walk("main menu: wrong key, silence, wrong key", w.fresh(), OPEN, false, "1\n7\n\n8\n", "queue:operator",
              hear("Ce choix n'est pas valide.", "Nous n'avons rien reçu.")),
          new Walk("no language chosen: French", w.fresh(), OPEN, false, "\n\n1\n1\n", "queue:emergency",
              hear("Bienvenue au service clients.")),
          new Walk("Arabic", w.fresh(), OPEN, false, "2\n0\n", "queue:operator", hear("مرحبا بكم في خدمة الحرفاء.")),
          new Walk("closed: danger", w.fresh(), CLOSED, false, "1\n9\n", "queue:emergency",
              hear("du lundi au vendredi, de 7 heures 30 à 17 heures 30", "En cas d'odeur de gaz")),
          new Walk("closed: a complaint", w.fresh(), CLOSED, false, "1\n1\nCompteur qui fuit\n1\n", "hangup",
              hear("Votre réclamation est enregistrée sous le numéro")),
          new Walk("closed: called back at opening", w.fresh(), CLOSED, false, "1\n2\n", "hangup", hear(CALLED_BACK)),
          new Walk("closed: a withheld number cannot be called back", "", CLOSED, false, "1\n2\n", "hangup",
              hear("Votre numéro est masqué")),
          new Walk("holiday: nothing chosen", w.fresh(), HOLIDAY, false, "1\n\n\n\n", "hangup",
              hear("fermés aujourd'hui, jour férié")));
      for (Walk walk : walks) {
        w.walk("hotline", walk);
      }
      assertThat(w.notVisited("hotline")).as("only a failing store leads to 'sorry'").isEqualTo(Set.of("sorry"));

      TestGateway.await("the complaints reach the core", 15_000, () -> w.relais.core.cases().size() >= 2);
      JsonObject complaint = w.relais.core.received().stream().filter(c -> "voice".equals(c.getString("channel")))
          .findFirst().orElseThrow();
      assertThat(complaint.getString("description")).isEqualTo("Réclamation vocale (hotline)");
      assertThat(complaint.getValue("category")).as("a hotline complaint names no category").isNull();
      assertThat(complaint.getString("recording_url")).matches("/var/spool/asterisk/relais/.+-complaint-1\\.wav");
      TestGateway.await("the acknowledgements", 15_000, () -> w.relais.smsc.texts().stream()
          .filter(t -> t.text().startsWith("Votre réclamation est enregistrée")).count() >= 2);
      assertThat(w.relais.query("SELECT COUNT(*) AS n FROM callbacks").getFirst().get("n")).as("four callers asked, two withheld their number")
          .isEqualTo(4);

      w.relais.gateway.services().store().close();
      w.walk("hotline", new Walk("the store fails during a look-up: sorry, an agent", "", OPEN, false, "1\n4\n"
          + received + "#\n", "queue:operator", hear("Un problème technique nous empêche de traiter votre demande.")));
    }
  }
}

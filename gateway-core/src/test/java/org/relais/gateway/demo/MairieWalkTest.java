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

/** Every branch of the municipality's line, called as {@code ./relais call mairie} does. */
@Timeout(180)
@ExtendWith(NoBlockedEventLoops.class)
class MairieWalkTest {

  @TempDir
  Path dir;

  @Test
  void shouldWalkEveryBranchOfTheMairie() throws Exception {
    try (FlowWalker w = new FlowWalker(dir)) {
      String received = w.caseWithStatus(null);
      String inProgress = w.caseWithStatus("assigned");
      String resolved = w.caseWithStatus("resolved");
      String closed = w.caseWithStatus("closed");
      String rejected = w.caseWithStatus("duplicate");
      int i = 0;
      while (received.charAt(i) == received.charAt(i + 1)) {
        i++;
      }
      String typo = received.substring(0, i) + received.charAt(i + 1) + received.charAt(i) + received.substring(i + 2);
      String appointmentCaller = w.fresh();
      List<Walk> walks = List.of(
          new Walk("report: roads", w.fresh(), OPEN, false, "1\n1\n1\nNid de poule devant l'école\n1\n", "hangup",
              hear("Bienvenue à la mairie.", "Voirie, tapez 1.", "décrivez le problème et indiquez l'adresse",
                  "Votre signalement est enregistré sous le numéro", "Ce numéro vous est aussi envoyé par SMS.")),
          new Walk("report: lighting", w.fresh(), OPEN, false, "1\n1\n2\nLampadaire éteint\n1\n", "hangup", hear()),
          new Walk("report: waste", w.fresh(), OPEN, false, "1\n1\n3\nBennes pleines\n1\n", "hangup", hear()),
          new Walk("report: green spaces", w.fresh(), OPEN, false, "1\n1\n4\nArbre tombé\n1\n", "hangup", hear()),
          new Walk("report: water", w.fresh(), OPEN, false, "1\n1\n5\nBouche d'égout bouchée\n1\n", "hangup", hear()),
          new Walk("report: no category, opening hours, an agent", w.fresh(), OPEN, false, "1\n1\n9\n\n9\n3\n0\n",
              "queue:accueil", hear("Ce choix n'est pas valide.", "La mairie est ouverte en ce moment.",
                  "du lundi au vendredi de 8 heures à 16 heures 30")),
          new Walk("report: nothing said, then silence", w.fresh(), OPEN, false, "1\n1\n1\n\n\n\n\n\n", "queue:accueil",
              hear("Nous ne vous avons pas entendu.", "Nous n'avons rien reçu.")),
          new Walk("follow: a swap caught, every status, unknown", w.fresh(), OPEN, false,
              "1\n2\n" + typo + "#\n" + received + "#\n1\n2\n" + inProgress + "#\n1\n2\n" + resolved + "#\n1\n2\n"
                  + closed + "#\n1\n2\n" + rejected + "#\n1\n2\n55555556#\n0\n", "queue:accueil",
              hear("Ce numéro n'est pas valide.", "Votre demande est enregistrée", "en cours de traitement",
                  "a été traitée", "est close", "n'a pas pu être retenue", "Nous ne trouvons pas de demande")),
          new Walk("follow: nothing keyed", w.fresh(), OPEN, false, "1\n2\n\n\n\n", "queue:accueil", hear()),
          new Walk("closed: hours, then no agent", w.fresh(), CLOSED, false, "1\n3\n0\n", "hangup",
              hear("La mairie est fermée en ce moment.")),
          new Walk("holiday: hours, then no agent", w.fresh(), HOLIDAY, false, "1\n3\n0\n", "hangup",
              hear("La mairie est fermée aujourd'hui, jour férié.")),
          new Walk("appointment with an elected official", appointmentCaller, OPEN, false, "1\n4\n", "hangup",
              hear("Votre demande de rendez-vous est transmise", "Ce numéro vous est aussi envoyé par SMS.")),
          new Walk("appointment, withheld number: an agent", "", OPEN, true, "1\n4\n1\n", "queue:accueil",
              hear("Votre numéro est masqué")),
          new Walk("agent, long wait, called back", w.fresh(), OPEN, true, "1\n0\n1\n", "hangup",
              hear("un conseiller vous rappellera")),
          new Walk("agent, long wait, holds", w.fresh(), OPEN, true, "3\n0\n2\n", "queue:accueil",
              hear("Welcome to the town hall.")));
      for (Walk walk : walks) {
        w.walk("mairie", walk);
      }
      assertThat(w.notVisited("mairie")).as("only a failing store leads to 'sorry'").isEqualTo(Set.of("sorry"));

      TestGateway.await("the reports and the appointment reach the core", 15_000,
          () -> w.relais.core.received().stream().filter(c -> "voice".equals(c.getString("channel"))).count() >= 6);
      List<JsonObject> voice = w.relais.core.received().stream().filter(c -> "voice".equals(c.getString("channel")))
          .toList();
      assertThat(voice).extracting(c -> c.getString("category"))
          .containsExactlyInAnyOrder("roads", "lighting", "waste", "green_spaces", "water", "appointment");
      JsonObject appointment = voice.stream().filter(c -> c.getString("category").equals("appointment")).findFirst()
          .orElseThrow();
      assertThat(appointment.getString("description")).isEqualTo("Demande de rendez-vous avec un élu : rappeler "
          + appointmentCaller);
      assertThat(appointment.getString("msisdn")).isEqualTo(appointmentCaller);
      assertThat(appointment.containsKey("recording_url")).isFalse();

      w.relais.gateway.services().store().close();
      w.walk("mairie", new Walk("the store fails while a report is filed: sorry, an agent", "", OPEN, false,
          "1\n1\n5\nFuite\n1\n", "queue:accueil", hear("Un problème technique nous empêche de traiter votre demande.")));
    }
  }
}

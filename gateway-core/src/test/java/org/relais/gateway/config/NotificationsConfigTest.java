package org.relais.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.notify.Notifications;

/** The notifications section: defaults, a bad value named with its key, templates checked at start. */
class NotificationsConfigTest {

  @TempDir
  Path dir;

  private static RelaisConfig bind(String yaml, Map<String, String> env) throws Exception {
    ObjectNode tree = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(yaml);
    return ConfigLoader.bind(tree, env, ConfigLoader.embeddedHome());
  }

  @Test
  void shouldDefaultToQuietNightsForBillsRemindersAndConsumption() throws Exception {
    NotificationsConfig n = bind("{}", Map.of()).notifications();
    assertThat(n.quietHours()).containsOnly(Map.entry("bills", "21:00-08:00"), Map.entry("reminders", "21:00-08:00"),
        Map.entry("consumption", "21:00-08:00"));
    assertThat(n.consumption().ratio()).isEqualTo(1.5);
    assertThat(n.releaseAhead()).isEqualTo(2000);
  }

  @Test
  void shouldNameTheKeyOfABadValue() {
    assertThatThrownBy(() -> bind("notifications: {quiet_hours: {bills: \"9pm-8am\"}}", Map.of()))
        .hasMessage("config: notifications.quiet_hours.bills = \"9pm-8am\": expected a range of local times such as"
            + " 21:00-08:00, or none");
    assertThatThrownBy(() -> bind("{}", Map.of("RELAIS_NOTIFICATIONS_CONSUMPTION_RATIO", "0.9")))
        .hasMessage("config: notifications.consumption.ratio = 0.9: expected a number above 1 and at most 100"
            + " (set by RELAIS_NOTIFICATIONS_CONSUMPTION_RATIO)");
  }

  @Test
  void shouldStopTheStartOnATemplateThatUsesAnUndeclaredVariable() throws Exception {
    Path bad = dir.resolve("notifications.yaml");
    Files.writeString(bad, Files.readString(ConfigLoader.embeddedHome().resolve("templates/notifications.yaml"))
        .replace("à régler avant le {due_date}", "à régler avant le {due}"));
    RelaisConfig config = bind("{}", Map.of("RELAIS_NOTIFICATIONS_TEMPLATES", bad.toString()));
    assertThatThrownBy(() -> Notifications.loadTemplates(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifications.yaml: bill.text.fr uses {due}");
  }

  @Test
  void shouldStopTheStartWhenTheConsumptionTemplateUsesWhatTheAlertDoesNotGive() throws Exception {
    RelaisConfig config = bind("{}", Map.of("RELAIS_NOTIFICATIONS_CONSUMPTION_TEMPLATE", "bill"));
    assertThatThrownBy(() -> Notifications.loadTemplates(config))
        .hasMessageContaining("notifications.consumption.template = \"bill\"");
  }
}

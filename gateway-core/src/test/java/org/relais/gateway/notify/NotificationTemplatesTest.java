package org.relais.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.ConfigLoader;

/** The notification templates are checked when read: a fault names the file and the key. */
class NotificationTemplatesTest {

  private static final List<String> LANGUAGES = List.of("fr", "ar", "en");
  private static final Set<String> CATEGORIES = Set.of("bills", "reminders", "consumption");

  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path file = dir.resolve("notifications.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void shouldLoadTheShippedKindsInEveryLanguage() {
    NotificationTemplates templates = NotificationTemplates.load(
        ConfigLoader.embeddedHome().resolve("templates/notifications.yaml"), LANGUAGES, CATEGORIES);
    assertThat(templates.names()).containsExactlyInAnyOrder("bill", "payment_reminder", "consumption_alert");
    NotificationTemplates.Kind bill = templates.kind("bill").orElseThrow();
    assertThat(bill.category()).isEqualTo("bills");
    assertThat(bill.variables()).containsExactly("period", "account", "amount", "due_date");
    assertThat(bill.text("en", "fr").render(Map.of("period", "10/2026", "account", "A-1", "amount", "12",
        "due_date", "15/12/2026")::get)).isEqualTo("Bill 10/2026 for account A-1: 12 TND, due by 15/12/2026.");
  }

  @Test
  void shouldRefuseATextThatUsesAVariableItsKindDoesNotDeclare() throws Exception {
    Path file = file("""
        bill:
          category: bills
          variables: [account, amount]
          text: {fr: "Compte {account}: {amout} DT", ar: "{account}", en: "{account}"}
        """);
    assertThatThrownBy(() -> NotificationTemplates.load(file, LANGUAGES, CATEGORIES))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifications.yaml: bill.text.fr uses {amout}, which is not among the kind's variables");
  }

  @Test
  void shouldRefuseAKindWithoutTextInALanguage() throws Exception {
    Path file = file("""
        reminder:
          category: reminders
          variables: [account]
          text: {fr: "Compte {account}", en: "Account {account}"}
        """);
    assertThatThrownBy(() -> NotificationTemplates.load(file, LANGUAGES, CATEGORIES))
        .hasMessageContaining("notifications.yaml: reminder.text.ar missing");
  }

  @Test
  void shouldRefuseAnUnknownCategoryAndAMisspeltKey() throws Exception {
    Path category = file("""
        bill:
          category: bill
          variables: []
          text: {fr: "a", ar: "b", en: "c"}
        """);
    assertThatThrownBy(() -> NotificationTemplates.load(category, LANGUAGES, CATEGORIES))
        .hasMessageContaining("bill.category expected one of the categories of notifications.quiet_hours");
    Path key = file("""
        bill:
          category: bills
          variable: [account]
          text: {fr: "a", ar: "b", en: "c"}
        """);
    assertThatThrownBy(() -> NotificationTemplates.load(key, LANGUAGES, CATEGORIES))
        .hasMessageContaining("bill.variable is not a key of a notification kind");
  }

  @Test
  void shouldRefuseAnUnbalancedBrace() throws Exception {
    Path file = file("""
        bill:
          category: bills
          variables: [account]
          text: {fr: "Compte {account", ar: "{account}", en: "{account}"}
        """);
    assertThatThrownBy(() -> NotificationTemplates.load(file, LANGUAGES, CATEGORIES))
        .hasMessageContaining("bill.text.fr has an unbalanced { or }");
  }

  @Test
  void shouldWriteFiguresAsTheirLanguageDoesWithinTheGsmAlphabet() {
    assertThat(Figures.format(1234.5, "fr")).isEqualTo("1 234,5");
    assertThat(Figures.format(1234.5, "en")).isEqualTo("1,234.5");
    assertThat(Figures.format(87, "ar")).isEqualTo("87");
    assertThat(Figures.format(2.0 / 3, "en")).isEqualTo("0.67");
  }
}

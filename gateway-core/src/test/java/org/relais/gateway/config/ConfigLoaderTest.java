package org.relais.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relais.sms.encoding.Concatenation;

class ConfigLoaderTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static RelaisConfig bind(String yaml, Map<String, String> env) throws Exception {
    ObjectNode tree = yaml.isBlank() ? YAML.createObjectNode() : (ObjectNode) YAML.readTree(yaml);
    return ConfigLoader.bind(tree, env, Path.of("."));
  }

  @Test
  void shouldLoadTheEmbeddedDefaults() {
    RelaisConfig config = ConfigLoader.embedded(Map.of());
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.agi().port()).isEqualTo(4573);
    assertThat(config.store().path()).isEqualTo("data/relais.db");
    assertThat(config.smpp().binds()).singleElement().satisfies(b -> {
      assertThat(b.systemId()).isEqualTo("relais");
      assertThat(b.concatenation()).isEqualTo(Concatenation.UDH8);
      assertThat(b.enquireLink()).isEqualTo(Duration.ofSeconds(30));
    });
    assertThat(config.sms().keywords().get("complaint")).containsKeys("fr", "ar", "en");
    assertThat(Files.isDirectory(config.resolve(config.ivr().flows()))).isTrue();
  }

  @Test
  void shouldGiveEveryKeyItsDefaultWhenTheFileIsEmpty() throws Exception {
    RelaisConfig config = bind("", Map.of());
    assertThat(config.core().protocol()).isEqualTo("relais-json");
    assertThat(config.core().maxAttempts()).isEqualTo(40);
    assertThat(config.cases().trackingDigits()).isEqualTo(8);
    assertThat(config.smpp().binds()).hasSize(1);
  }

  @Test
  void shouldTakeTheDesignsEnvironmentNames() throws Exception {
    RelaisConfig config = bind("", Map.ofEntries(
        Map.entry("RELAIS_HTTP_PORT", "9090"),
        Map.entry("RELAIS_STORE_PATH", "/var/lib/relais/relais.db"),
        Map.entry("RELAIS_SMPP_HOST", "smsc.example.net"),
        Map.entry("RELAIS_SMPP_PORT", "3775"),
        Map.entry("RELAIS_SMPP_SYSTEM_ID", "city"),
        Map.entry("RELAIS_SMPP_PASSWORD", "s3cret"),
        Map.entry("RELAIS_SMPP_SOURCE_ADDR", "MAIRIE"),
        Map.entry("RELAIS_SMPP_TPS", "50"),
        Map.entry("RELAIS_SMPP_WINDOW", "20"),
        Map.entry("RELAIS_AGI_PORT", "4574"),
        Map.entry("RELAIS_CORE_BASE_URL", "https://core.example.net/api/"),
        Map.entry("RELAIS_CORE_PROTOCOL", "open311"),
        Map.entry("RELAIS_CORE_API_KEY", "k3y"),
        Map.entry("RELAIS_API_TOKENS", "s3cret-admin:admin,abcdefgh:sender+core")));
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.store().path()).isEqualTo("/var/lib/relais/relais.db");
    assertThat(config.smpp().binds().getFirst()).satisfies(b -> {
      assertThat(b.host()).isEqualTo("smsc.example.net");
      assertThat(b.port()).isEqualTo(3775);
      assertThat(b.systemId()).isEqualTo("city");
      assertThat(b.password()).isEqualTo("s3cret");
      assertThat(b.sourceAddr()).isEqualTo("MAIRIE");
      assertThat(b.tps()).isEqualTo(50);
      assertThat(b.window()).isEqualTo(20);
    });
    assertThat(config.agi().port()).isEqualTo(4574);
    assertThat(config.core().baseUrl()).isEqualTo("https://core.example.net/api");
    assertThat(config.core().protocol()).isEqualTo("open311");
    assertThat(config.core().apiKey()).isEqualTo("k3y");
    assertThat(config.api().parsedTokens().rolesOf("abcdefgh")).contains(Set.of(Role.SENDER, Role.CORE));
    assertThat(config.api().parsedTokens().rolesOf("nope")).isEmpty();
  }

  @Test
  void shouldReachEveryKeyIncludingNestedListsAndWordLists() throws Exception {
    RelaisConfig config = bind("""
        smpp:
          binds:
            - {name: a, system_id: one}
            - {name: b, system_id: two}
        """, Map.of("RELAIS_SMPP_BINDS_1_HOST", "10.0.0.2", "RELAIS_SMPP_BINDS_1_RESPONSE_TIMEOUT", "3s",
        "RELAIS_SMS_LANGUAGES", "ar, fr", "RELAIS_CASES_ACK_WAIT", "500ms"));
    assertThat(config.smpp().binds().get(1).host()).isEqualTo("10.0.0.2");
    assertThat(config.smpp().binds().get(1).responseTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.smpp().binds().get(0).host()).isEqualTo("127.0.0.1");
    assertThat(config.sms().languages()).containsExactly("ar", "fr");
    assertThat(config.cases().ackWait()).isEqualTo(Duration.ofMillis(500));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "http: {port: 70000}                   | config: http.port = 70000: expected an integer from 0 to 65535",
    "http: {port: abc}                     | config: http.port = \"abc\": expected an integer",
    "agi: {command_timeout: 5 minutes}     | config: agi.command_timeout = \"5 minutes\": expected a duration such as 250ms, 30s, 5m, 2h or 3d",
    "core: {protocol: soap}                | config: core.protocol = \"soap\": expected one of relais-json, open311",
    "core: {base_url: 'ftp://x'}           | config: core.base_url = \"ftp://x\": expected an http:// or https:// URL",
    "smpp: {binds: [{system_id: r, window: 0}]} | config: smpp.binds[0].window = 0: expected an integer from 1 to 1000",
    "smpp: {binds: [{system_id: ''}]}      | config: smpp.binds[0].system_id = \"\": expected 1 to 15 characters (SMPP 3.4 C-Octet String)",
    "smpp: {binds: [{system_id: r, concatenation: zip}]} | config: smpp.binds[0].concatenation = \"zip\": expected one of udh8, udh16, sar, payload",
    "store: {synchronous: extra}           | config: store.synchronous = \"extra\": expected one of full, normal",
    "http: {prot: 1}                       | config: unknown key http.prot; expected one of host, max_body_kb, port, tls_cert, tls_key",
    "htp: {port: 1}                        | config: unknown section 'htp'; expected one of agi, alerts, ami, api, callbacks, cases, core, demo, http, ivr, network, notifications, smpp, sms, store",
    "sms: {keywords: {complain: {fr: [X]}}} | config: sms.keywords.complain = \"complain\": expected one of the intents [complaint, help, start, status, stop, subscribe]",
    "api: {tokens: 'short:admin'}          | config: api.tokens = ****: expected tokens of at least 8 characters",
    "ami: {enabled: true}                  | config: ami.secret = ****: expected the secret of manager.conf (set RELAIS_AMI_SECRET)",
    "callbacks: {channel: 'PJSIP/trunk'}   | config: callbacks.channel = \"PJSIP/trunk\": expected a dial string with {number}, such as PJSIP/{number}@trunk",
    "agi: {recording_format: mp3}          | config: agi.recording_format = \"mp3\": expected one of wav, wav16, gsm, ulaw, alaw, sln, sln16",
    "ivr: {hours: {hotline: {open: {mon-fry: '08:00-12:00'}}}} | config: ivr.hours.hotline: 'mon-fry' is not days such as mon-fri, sat or mon,wed",
    "ivr: {timezone: Mars/Olympus}         | config: ivr.timezone = \"Mars/Olympus\": expected a timezone such as Africa/Tunis or Europe/Paris",
  })
  void shouldStopWithOneLineNamingTheKeyTheValueAndWhatIsExpected(String yaml, String message) {
    assertThatThrownBy(() -> bind(yaml, Map.of())).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void shouldSayWhichVariableSetABadValue() {
    assertThatThrownBy(() -> bind("", Map.of("RELAIS_AGI_PORT", "-1")))
        .hasMessage("config: agi.port = -1: expected an integer from 0 to 65535 (set by RELAIS_AGI_PORT)");
  }

  @Test
  void shouldNeverPrintASecret() {
    assertThatThrownBy(() -> bind("", Map.of("RELAIS_SMPP_SYSTEM_ID", "relais", "RELAIS_SMPP_PASSWORD",
        "far-too-long-secret")))
        .hasMessageNotContaining("far-too-long")
        .hasMessageContaining("smpp.binds[0].password");
    RelaisConfig config = ConfigLoader.embedded(Map.of("RELAIS_CORE_API_KEY", "topsecret",
        "RELAIS_SMPP_PASSWORD", "pw123456"));
    assertThat(config.toString()).doesNotContain("topsecret").doesNotContain("pw123456");
  }

  @Test
  void shouldNameAFileThatIsNotYaml(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("relais.yaml");
    Files.writeString(file, "http:\n  port: [1,\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not valid YAML").hasMessageContaining("line");
  }
}

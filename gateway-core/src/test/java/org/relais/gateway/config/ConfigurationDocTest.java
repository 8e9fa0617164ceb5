package org.relais.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md names every key's environment variable, so the documentation cannot drift. */
class ConfigurationDocTest {

  @Test
  void shouldDocumentEveryEnvironmentVariable() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
    for (String name : new EnvOverrides(RelaisConfig.class).variableNames()) {
      if (name.contains("<N>")) {
        assertThat(doc).as(name).contains(name.replaceAll("<N>_.*", "<N>_<KEY>"));
      } else {
        assertThat(doc).as("docs/CONFIGURATION.md names " + name).contains("`" + name + "`");
      }
    }
  }
}

package org.relais.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Any file in the flows folder is a valid flow or a {@link FlowException} naming the file (and the
 * node): never another exception. Seeded with the flows Relais ships.
 */
class FlowYamlFuzzTest {

  private static final FlowLoader LOADER = new FlowLoader(
      PromptCatalog.load(Path.of("..", "config", "prompts"), "relais"), Set.of("hotline", "mairie"));
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempDirectory("relais-flow-fuzz").resolve("fuzzed.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void shouldLoadAnyYamlAsAFlowOrSayWhyNot(byte[] yaml) throws IOException {
    Files.write(FILE, yaml);
    try {
      Flow flow = LOADER.load(FILE);
      assertThat(flow.languages()).isNotEmpty();
    } catch (FlowException e) {
      assertThat(e.getMessage()).startsWith("fuzzed.yaml");
    }
  }
}

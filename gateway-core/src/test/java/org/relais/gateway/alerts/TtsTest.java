package org.relais.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.ConfigLoader;

/** The TTS command: spoken once per text and language, its failures and its hangs told, nothing left behind. */
@Timeout(60)
class TtsTest {

  @TempDir
  Path dir;

  private Tts tts(String command) {
    return new Tts(ConfigLoader.embedded(Map.of("RELAIS_ALERTS_TTS_COMMAND", command,
        "RELAIS_ALERTS_TTS_DIR", dir.resolve("tts").toString(), "RELAIS_ALERTS_TTS_TIMEOUT", "1s")).alerts());
  }

  @Test
  void shouldSpeakEachTextOnceEvenWhenAskedManyTimesAtOnce() throws Exception {
    Path runs = dir.resolve("runs");
    Tts tts = tts("echo run >> '" + runs + "'; sleep 0.2; cp {text} {out}");
    List<Future<String>> asked = IntStream.range(0, 8).mapToObj(i -> tts.speak("Crue de l'oued", "fr")).toList();
    List<String> sounds = Future.all(asked).await(10, TimeUnit.SECONDS).<String>list().stream().distinct().toList();
    assertThat(sounds).hasSize(1);
    assertThat(Files.readString(Path.of(sounds.getFirst() + ".wav"))).isEqualTo("Crue de l'oued");
    assertThat(tts.speak("Crue de l'oued", "fr").await(10, TimeUnit.SECONDS)).isEqualTo(sounds.getFirst());
    assertThat(tts.speak("Crue de l'oued", "ar").await(10, TimeUnit.SECONDS)).isNotEqualTo(sounds.getFirst());
    assertThat(Files.readAllLines(runs)).hasSize(2);
    try (var left = Files.list(dir.resolve("tts"))) {
      assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".wav")).hasSize(2);
    }
  }

  @Test
  void shouldRunTheCommandAtEachProbeEvenWhenItsSoundIsKept() throws Exception {
    Path runs = dir.resolve("runs");
    String command = "echo run >> '" + runs + "'; cp {text} {out}";
    assertThat(tts(command).probe().await(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(tts(command).probe().await(10, TimeUnit.SECONDS)).as("a later start, the sound kept").isEmpty();
    assertThat(Files.readAllLines(runs)).hasSize(2);
    assertThat(tts("exit 1; cp {text} {out}").probe().await(10, TimeUnit.SECONDS))
        .as("a broken command is found although the probe's sound is kept").isPresent();
  }

  @Test
  void shouldFailWithTheFirstLineTheCommandPrinted() throws Exception {
    Tts tts = tts("echo 'voice fr not found' >&2; exit 3; cp {text} {out}");
    assertThatThrownBy(() -> tts.speak("Coupure d'eau", "fr").await(10, TimeUnit.SECONDS))
        .hasMessage("exit 3: voice fr not found");
    assertThat(tts.probe().await(10, TimeUnit.SECONDS)).hasValueSatisfying(
        reason -> assertThat(reason).contains("alerts.tts_command").contains("voice fr not found"));
    try (var left = Files.list(dir.resolve("tts"))) {
      assertThat(left).as("no text, log or partial sound left").isEmpty();
    }
  }

  @Test
  void shouldGiveUpOnACommandThatHangsWithItsOutputOpenAndKillIt() throws Exception {
    Path pid = dir.resolve("pid");
    // The child keeps the shell's output open and outlives the timeout by far.
    Tts tts = tts("sleep 30 & echo $! > '" + pid + "'; wait; cp {text} {out}");
    assertThatThrownBy(() -> tts.speak("Alerte", "fr").await(20, TimeUnit.SECONDS))
        .hasMessageContaining("no result within 1000 ms (alerts.tts_timeout)");
    long child = Long.parseLong(Files.readString(pid).strip());
    long deadline = System.currentTimeMillis() + 5_000;
    while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the command's child killed")
        .isFalse();
  }
}

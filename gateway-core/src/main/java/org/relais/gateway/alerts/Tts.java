package org.relais.gateway.alerts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.config.AlertsConfig;

/**
 * Text to speech through the configured shell command ({@code alerts.tts_command}, espeak-ng and
 * sox by default): the text goes to a file, the command writes an 8 kHz mono wav that Asterisk can
 * play. Each text and language is spoken once and kept ({@code alerts.tts_dir/<hash>.wav}). The
 * commands run on a few platform threads of their own, never on an event loop: as many at once as
 * there are cores (speech synthesis takes a core each), and never waiting for a carrier that
 * other virtual threads hold.
 */
public final class Tts {

  private final AlertsConfig config;
  private final Path dir;
  private final Map<String, Future<String>> running = new ConcurrentHashMap<>();
  private final Set<String> spoken = ConcurrentHashMap.newKeySet();
  private final ExecutorService speakers;

  public Tts(AlertsConfig config) {
    this.config = config;
    this.dir = Path.of(config.ttsDir()).toAbsolutePath();
    int cores = Runtime.getRuntime().availableProcessors();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(cores, cores, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        Thread.ofPlatform().name("tts-", 0).daemon().factory());
    pool.allowCoreThreadTimeOut(true);
    this.speakers = pool;
  }

  /**
   * Runs the command once on a short text, even when its sound is kept from an earlier run, to
   * check the command works; completes with the reason when it does not.
   */
  public Future<Optional<String>> probe() {
    if (config.ttsCommand().isEmpty()) {
      return Future.succeededFuture(Optional.of("alerts.tts_command is empty"));
    }
    return synthesize("Relais", "en", false).map(path -> Optional.<String>empty())
        .recover(e -> Future.succeededFuture(Optional.of("the TTS command (alerts.tts_command) fails: " + e.getMessage())));
  }

  /** The sound to play (the wav's path without its extension, as Asterisk wants it). */
  public Future<String> speak(String text, String language) {
    return synthesize(text, language, true);
  }

  /**
   * The sound of {@code text}: known to this run, kept from an earlier one ({@code reuse}), or
   * spoken now. The file system is looked at on the TTS threads only, never on the caller's
   * event loop; one command at most runs per text and language.
   */
  private Future<String> synthesize(String text, String language, boolean reuse) {
    String key = hash(language + "\n" + text);
    String sound = dir.resolve(key).toString();
    if (reuse && spoken.contains(key)) {
      return Future.succeededFuture(sound);
    }
    return running.computeIfAbsent(key, k -> {
      Promise<String> done = Promise.promise();
      speakers.execute(() -> {
        try {
          Path wav = dir.resolve(key + ".wav");
          if (!reuse || !Files.exists(wav)) {
            run(text, language, key, wav);
          }
          spoken.add(key);
          done.complete(sound);
        } catch (IOException | RuntimeException e) {
          done.fail(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          done.fail(e);
        } finally {
          running.remove(k);
        }
      });
      return done.future();
    });
  }

  private void run(String text, String language, String key, Path wav) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path textFile = dir.resolve(key + ".txt");
    Path partial = dir.resolve(key + ".part.wav");
    Path said = dir.resolve(key + ".log");
    Files.writeString(textFile, text, StandardCharsets.UTF_8);
    String voice = language.matches("[a-z]{2,3}(-[a-zA-Z0-9]+)?") ? language : "en";
    String command = config.ttsCommand().replace("{text}", quote(textFile.toString()))
        .replace("{out}", quote(partial.toString())).replace("{language}", voice);
    // What the command prints goes to a file, not a pipe: a command that hangs with its output
    // open cannot hold this thread past the timeout.
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
        .redirectOutput(said.toFile()).start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(config.ttsTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        // The shell's children first: once it is gone they are no longer its descendants.
        p.descendants().toList().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException("no result within " + config.ttsTimeout().toMillis() + " ms (alerts.tts_timeout)");
      }
      if (p.exitValue() != 0 || !Files.exists(partial)) {
        String first = firstLine(said);
        throw new IOException("exit " + p.exitValue() + (first.isEmpty() ? "" : ": " + first));
      }
      Files.move(partial, wav, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(textFile);
      Files.deleteIfExists(partial);
      Files.deleteIfExists(said);
    }
  }

  private static String firstLine(Path file) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  private static String quote(String path) {
    return "'" + path.replace("'", "'\\''") + "'";
  }

  private static String hash(String text) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.relais.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The FastAGI server: where it listens, its accept backlog (Asterisk gives up connecting after
 * about 2 s, so it must be large), how many event loops serve it, how long a command may wait for
 * its reply, how long a call may last, the longest line accepted from Asterisk, and the Asterisk
 * side of recordings and text-to-speech.
 */
public record AgiConfig(
    String host, Integer port, Integer backlog, Integer instances, Duration commandTimeout, Duration callTimeout,
    Integer maxLine, String operatorQueue, String recordingsDir, String recordingFormat, String recordingUrl,
    String ttsApplication) {

  private static final List<String> FORMATS = List.of("wav", "wav16", "gsm", "ulaw", "alaw", "sln", "sln16");

  public AgiConfig {
    host = Settings.host("agi.host", host, "127.0.0.1");
    port = Settings.range("agi.port", port, 4573, 0, 65535);
    backlog = Settings.range("agi.backlog", backlog, 1024, 16, 65_535);
    instances = Settings.range("agi.instances", instances, 0, 0, 64);
    commandTimeout = Settings.between("agi.command_timeout", commandTimeout, Duration.ofSeconds(120),
        Duration.ofSeconds(1), Duration.ofHours(1));
    callTimeout = Settings.between("agi.call_timeout", callTimeout, Duration.ofMinutes(30),
        Duration.ofSeconds(10), Duration.ofHours(12));
    maxLine = Settings.range("agi.max_line", maxLine, 8192, 256, 1_048_576);
    operatorQueue = Settings.text(operatorQueue, "operator");
    if (!operatorQueue.matches("[\\w-]+")) {
      throw new ConfigException("agi.operator_queue", operatorQueue, "a queue name (letters, digits, - or _)");
    }
    recordingsDir = Settings.text(recordingsDir, "/var/spool/asterisk/relais");
    if (!recordingsDir.matches("/[\\w./-]*") || recordingsDir.contains("..")) {
      throw new ConfigException("agi.recordings_dir", recordingsDir,
          "an absolute folder on the Asterisk host such as /var/spool/asterisk/relais");
    }
    while (recordingsDir.length() > 1 && recordingsDir.endsWith("/")) {
      recordingsDir = recordingsDir.substring(0, recordingsDir.length() - 1);
    }
    recordingFormat = Settings.oneOf("agi.recording_format", recordingFormat, "wav", FORMATS);
    recordingUrl = Settings.text(recordingUrl, "");
    if (!recordingUrl.isEmpty() && !recordingUrl.matches("https?://\\S+")) {
      throw new ConfigException("agi.recording_url", recordingUrl, "empty, or a URL prefix such as https://rec.example.net/relais");
    }
    ttsApplication = Settings.text(ttsApplication, "");
    if (!ttsApplication.isEmpty() && !ttsApplication.matches("\\w+")) {
      throw new ConfigException("agi.tts_application", ttsApplication, "an Asterisk application name such as Flite");
    }
  }

  /** The route of a call that cannot be served otherwise. */
  public String operatorRoute() {
    return "queue:" + operatorQueue;
  }

  /**
   * What a case is given for a recording file (a path on the Asterisk host without extension):
   * {@code <recording_url>/<file>.<format>} when a URL prefix is set, else the path with its extension.
   */
  public String recordingReference(String file) {
    String withExtension = file + "." + recordingFormat;
    if (recordingUrl.isEmpty()) {
      return withExtension;
    }
    String name = withExtension.substring(withExtension.lastIndexOf('/') + 1);
    return (recordingUrl.endsWith("/") ? recordingUrl : recordingUrl + "/") + name;
  }
}

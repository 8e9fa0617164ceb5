package org.relais.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * CAP alerts: the order of languages tried when an alert has no {@code info} in a subscriber's
 * language, how many recipients an alert may reach before a second approver must sign it, how
 * recipients are committed (rows per transaction), the SMS text's length and validity, and the
 * automated calls: what is dialled, where the answered call goes, retries, concurrency and rate,
 * and the text-to-speech command that makes the spoken message.
 */
public record AlertsConfig(
    List<String> languageFallback, Integer approvalThreshold, Integer batchSize, Integer smsMaxChars,
    Duration smsValidity, Boolean voiceEnabled, String voiceChannel, String voiceContext, String voiceExten,
    String callerId, Duration ringTimeout, Integer maxAttempts, Duration retryDelay, Integer maxConcurrentCalls,
    Integer callsPerSecond, String ttsCommand, String ttsDir, Duration ttsTimeout) {

  public AlertsConfig {
    languageFallback = languageFallback == null || languageFallback.isEmpty() ? List.of("fr", "ar", "en")
        : List.copyOf(languageFallback);
    for (String l : languageFallback) {
      if (!l.matches("[a-z]{2,3}")) {
        throw new ConfigException("alerts.language_fallback", l, "ISO 639 language codes such as fr, ar, en");
      }
    }
    approvalThreshold = Settings.range("alerts.approval_threshold", approvalThreshold, 10_000, 0, 100_000_000);
    batchSize = Settings.range("alerts.batch_size", batchSize, 2_000, 1, 50_000);
    smsMaxChars = Settings.range("alerts.sms_max_chars", smsMaxChars, 480, 70, 1_530);
    smsValidity = Settings.between("alerts.sms_validity", smsValidity, Duration.ofHours(6), Duration.ofMinutes(1),
        Duration.ofDays(3));
    voiceEnabled = voiceEnabled == null || voiceEnabled;
    voiceChannel = Settings.text(voiceChannel, "Local/{number}@relais-outbound");
    if (!voiceChannel.contains("{number}") || !voiceChannel.matches("[\\w/@{}.:+-]+")) {
      throw new ConfigException("alerts.voice_channel", voiceChannel,
          "a dial string with {number}, such as PJSIP/{number}@trunk");
    }
    voiceContext = Settings.text(voiceContext, "relais-alert");
    voiceExten = Settings.text(voiceExten, "s");
    if (!voiceContext.matches("[\\w-]+") || !voiceExten.matches("[\\w*#+-]+")) {
      throw new ConfigException("alerts.voice_context", voiceContext + "," + voiceExten,
          "a dialplan context and extension");
    }
    callerId = Settings.text(callerId, "");
    if (callerId.indexOf('\n') >= 0 || callerId.indexOf('\r') >= 0) {
      throw new ConfigException("alerts.caller_id", callerId, "a caller id on one line");
    }
    ringTimeout = Settings.between("alerts.ring_timeout", ringTimeout, Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofMinutes(3));
    maxAttempts = Settings.range("alerts.max_attempts", maxAttempts, 3, 1, 10);
    retryDelay = Settings.between("alerts.retry_delay", retryDelay, Duration.ofMinutes(2), Duration.ofMillis(10),
        Duration.ofHours(6));
    maxConcurrentCalls = Settings.range("alerts.max_concurrent_calls", maxConcurrentCalls, 10, 1, 1_000);
    callsPerSecond = Settings.range("alerts.calls_per_second", callsPerSecond, 2, 1, 200);
    ttsCommand = Settings.text(ttsCommand,
        "espeak-ng -v {language} -f {text} -w {out}.raw.wav && sox {out}.raw.wav -r 8000 -c 1 {out} && rm -f {out}.raw.wav");
    if (!ttsCommand.isEmpty() && (!ttsCommand.contains("{text}") || !ttsCommand.contains("{out}"))) {
      throw new ConfigException("alerts.tts_command", ttsCommand,
          "a shell command with {text} (a file holding the text) and {out} (the wav to write); {language} optional");
    }
    ttsDir = Settings.text(ttsDir, "data/tts");
    ttsTimeout = Settings.between("alerts.tts_timeout", ttsTimeout, Duration.ofSeconds(30), Duration.ofSeconds(1),
        Duration.ofMinutes(10));
  }

  /** The channel to dial for {@code number}. */
  public String channelFor(String number) {
    return voiceChannel.replace("{number}", number.replaceAll("[^0-9+]", ""));
  }
}

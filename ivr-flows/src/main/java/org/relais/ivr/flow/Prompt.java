package org.relais.ivr.flow;

/**
 * A prompt resolved for one language: the Asterisk sound to stream (without extension) and its
 * text, printed by the terminal console; a {@code tts} prompt has no recorded sound and its text is
 * spoken by the text-to-speech application Asterisk is configured with.
 */
public record Prompt(String key, String language, String sound, String text, boolean tts) {

  /** A prompt with a recorded sound. */
  public Prompt(String key, String language, String sound, String text) {
    this(key, language, sound, text, false);
  }

  /** The prompt of a digit, read back one by one: {@code digit-0} to {@code digit-9}. */
  public static String digitKey(char digit) {
    return "digit-" + digit;
  }
}

package org.relais.ivr.flow;

/**
 * A prompt resolved for one language: the Asterisk sound to stream (without extension) and its
 * text, spoken by TTS where the sound is missing and printed by the terminal console.
 */
public record Prompt(String key, String language, String sound, String text) {}

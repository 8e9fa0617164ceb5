package org.relais.gateway.alerts;

/** The automated-call side of alerts, as the alert service sees it. */
public interface VoiceFanOut {

  /** Empty when calls can be placed; else why not (the AMI is not enabled, the TTS command is missing...). */
  java.util.Optional<String> unavailable();

  /** New voice recipients were committed: look for due calls now rather than at the next tick. */
  void wake();
}

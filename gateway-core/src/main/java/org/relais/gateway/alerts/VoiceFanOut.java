package org.relais.gateway.alerts;

import java.util.Optional;
import org.relais.gateway.alerts.cap.CapAlert;

/** The automated-call side of alerts, as the alert service sees it. */
public interface VoiceFanOut {

  /** Empty when this alert can be spoken in calls; else why not (the TTS command fails and no recording is given...). */
  Optional<String> unavailable(CapAlert alert);

  /** New voice recipients were committed: look for due calls now rather than at the next tick. */
  void wake();
}

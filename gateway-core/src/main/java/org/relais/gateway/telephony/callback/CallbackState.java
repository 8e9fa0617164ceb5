package org.relais.gateway.telephony.callback;

import java.util.Locale;

/** Where a callback request stands. */
public enum CallbackState {
  /** Waiting for its time, its service's hours and a free agent. */
  PENDING,
  /** Being dialled now. */
  DIALLING,
  /** The citizen answered and was put through to the queue. */
  ANSWERED,
  /** Every attempt failed, or the service never opens: an agent must look. */
  FAILED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.relais.gateway.twoway;

import java.util.Locale;

/** What a citizen's text asks for, named by its first word. */
public enum Intent {
  /** Report a problem: opens a case. */
  COMPLAINT,
  /** The status of a case, by tracking number. */
  STATUS,
  /** Receive the alerts of a zone. */
  SUBSCRIBE,
  /** Receive nothing more. */
  STOP,
  /** Receive messages again. */
  START,
  /** What can be sent. */
  HELP;

  /** The intent named in {@code sms.keywords}. */
  public static Intent of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}

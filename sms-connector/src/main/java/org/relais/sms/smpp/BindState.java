package org.relais.sms.smpp;

/** Where a bind stands. */
public enum BindState {
  DISCONNECTED,
  CONNECTING,
  BOUND,
  UNBINDING,
  STOPPED
}

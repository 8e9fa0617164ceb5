package org.relais.sms.smpp;

/** How a bind talks to its SMSC: one transceiver session, or a transmitter and a receiver session. */
public enum BindMode {
  /** One bind_transceiver session carries submits and deliveries (SMPP 3.4 default). */
  TRX,
  /** A bind_transmitter session for submits and a bind_receiver session for deliveries, under one bind name. */
  TX_RX
}

package org.relais.gateway.config;

/** The pretend outside world of {@code ./relais demo}: the SMSC simulator and the core-system stub. */
public record DemoConfig(Integer smscPort, Integer peersPort, String shortCode) {

  public DemoConfig {
    smscPort = Settings.range("demo.smsc_port", smscPort, 2775, 0, 65535);
    peersPort = Settings.range("demo.peers_port", peersPort, 8081, 0, 65535);
    shortCode = Settings.text(shortCode, "1234");
  }
}

package org.relais.gateway.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.relais.sms.smpp.BindConfig;

/** The SMSC binds, and how long an inbound text is remembered to recognise its redelivery. */
public record SmppConfig(List<BindConfig> binds, Duration moDedupeWindow) {

  public SmppConfig {
    binds = binds == null || binds.isEmpty()
        ? List.of(BindConfig.of("smsc", "127.0.0.1", 2775, "relais", ""))
        : List.copyOf(binds);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < binds.size(); i++) {
      if (!names.add(binds.get(i).name())) {
        throw new ConfigException("smpp.binds[" + i + "].name", binds.get(i).name(), "a name no other bind has");
      }
    }
    moDedupeWindow = Settings.between("smpp.mo_dedupe_window", moDedupeWindow, Duration.ofHours(1),
        Duration.ZERO, Duration.ofDays(7));
  }
}

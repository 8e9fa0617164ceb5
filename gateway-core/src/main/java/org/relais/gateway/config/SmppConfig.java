package org.relais.gateway.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.relais.sms.InvalidSettingException;
import org.relais.sms.smpp.BindConfig;
import org.relais.sms.smpp.Route;
import org.relais.sms.smpp.RouteTable;

/**
 * The SMSC binds and the routes from destination prefixes to their groups; how long an inbound
 * text is remembered to recognise its redelivery, how long the parts of a long one are awaited,
 * and how many outbound messages are held in memory between the store and the binds.
 */
public record SmppConfig(List<BindConfig> binds, List<Route> routes, Duration moDedupeWindow,
    Duration moReassemblyTimeout, Integer maxInFlight) {

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
    routes = routes == null ? List.of() : List.copyOf(routes);
    try {
      RouteTable.of(routes, binds);
    } catch (InvalidSettingException e) {
      throw new ConfigException("smpp." + e.key(), e.value(), e.expected());
    }
    moDedupeWindow = Settings.between("smpp.mo_dedupe_window", moDedupeWindow, Duration.ofHours(1),
        Duration.ZERO, Duration.ofDays(7));
    moReassemblyTimeout = Settings.between("smpp.mo_reassembly_timeout", moReassemblyTimeout, Duration.ofMinutes(5),
        Duration.ofSeconds(1), Duration.ofDays(1));
    maxInFlight = Settings.range("smpp.max_in_flight", maxInFlight, 2000, 1, 100_000);
  }

  /** The configuration with defaults and the binds given; for tests. */
  public static SmppConfig of(List<BindConfig> binds) {
    return new SmppConfig(binds, null, null, null, null);
  }
}

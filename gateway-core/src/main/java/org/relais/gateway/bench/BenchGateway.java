package org.relais.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.relais.gateway.Gateway;
import org.relais.gateway.config.ConfigLoader;
import org.relais.sms.simulator.SmscSimulator;

/**
 * A gateway for a benchmark: its embedded defaults, a store in a directory of its own, bound to a
 * local SMSC simulator that does not throttle, HTTP and FastAGI on ports of their own, no core
 * system. Closing it stops both and removes the directory.
 */
final class BenchGateway implements AutoCloseable {

  private final Path dir;
  private final SmscSimulator smsc;
  private final Gateway gateway;

  private BenchGateway(Path dir, SmscSimulator smsc, Gateway gateway) {
    this.dir = dir;
    this.smsc = smsc;
    this.gateway = gateway;
  }

  /** Starts one with {@code settings} ({@code RELAIS_*} names) on top, and waits for its bind. */
  static BenchGateway start(Map<String, String> settings, Clock clock) throws Exception {
    Path dir = Files.createTempDirectory("relais-bench");
    SmscSimulator smsc = new SmscSimulator(0, Duration.ZERO, false).start();
    Gateway gateway = null;
    try {
      Map<String, String> env = new HashMap<>();
      env.put("RELAIS_HTTP_PORT", "0");
      env.put("RELAIS_AGI_PORT", "0");
      env.put("RELAIS_STORE_PATH", dir.resolve("relais.db").toString());
      env.put("RELAIS_SMPP_PORT", String.valueOf(smsc.port()));
      env.put("RELAIS_CORE_BASE_URL", "http://127.0.0.1:9/core");
      env.putAll(settings);
      gateway = Gateway.start(ConfigLoader.embedded(env), clock);
      if (!gateway.services().connector().awaitBound(Duration.ofSeconds(30))) {
        throw new IllegalStateException("the gateway did not bind to the SMSC simulator");
      }
      return new BenchGateway(dir, smsc, gateway);
    } catch (Exception e) {
      if (gateway != null) {
        gateway.close();
      }
      smsc.close();
      delete(dir);
      throw e;
    }
  }

  static BenchGateway start(Map<String, String> settings) throws Exception {
    return start(settings, Clock.systemUTC());
  }

  Gateway gateway() {
    return gateway;
  }

  /** The first column of the first row of {@code sql}, read on a connection of its own (0 without a row). */
  long number(String sql) throws Exception {
    return numbers(sql)[0];
  }

  /** The first row of {@code sql}'s answer, as numbers (zeros when it has none), on a connection of its own. */
  long[] numbers(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relais.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      long[] row = new long[rs.getMetaData().getColumnCount()];
      if (rs.next()) {
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getLong(i + 1);
        }
      }
      return row;
    }
  }

  @Override
  public void close() throws Exception {
    try (smsc) {
      gateway.close();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

package org.relais.gateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schema scripts {@code db/migration/V<n>__<name>.sql} in order, each in its own
 * transaction, and records each in {@code schema_version}; a script not yet recorded runs even when
 * a later one already ran. The list of scripts is {@code db/migration/index.txt}, so the runner
 * reads the same from a folder or a jar.
 */
final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final String INDEX = "/db/migration/index.txt";

  private Migrations() {}

  /** Applies the scripts not yet applied; returns the schema version reached. */
  static int migrate(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    }
    Set<Integer> applied = appliedVersions(conn);
    int reached = currentVersion(conn);
    for (String script : scripts()) {
      int version = version(script);
      if (applied.contains(version)) {
        continue;
      }
      boolean autoCommit = conn.getAutoCommit();
      conn.setAutoCommit(false);
      try (Statement s = conn.createStatement()) {
        for (String sql : statements(read(script))) {
          s.execute(sql);
        }
        s.execute("INSERT INTO schema_version(version, name, applied_at) VALUES (" + version + ", '"
            + script.replace("'", "") + "', " + System.currentTimeMillis() + ")");
        conn.commit();
        log.info("store: applied migration {}", script);
        reached = Math.max(reached, version);
      } catch (SQLException e) {
        conn.rollback();
        throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
      } finally {
        conn.setAutoCommit(autoCommit);
      }
    }
    return reached;
  }

  private static Set<Integer> appliedVersions(Connection conn) throws SQLException {
    Set<Integer> versions = new HashSet<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }

  static int currentVersion(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  static List<String> scripts() {
    String index = read("index.txt");
    List<String> scripts = new ArrayList<>();
    int last = 0;
    for (String line : index.split("\n")) {
      String name = line.trim();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      int v = version(name);
      if (v <= last) {
        throw new IllegalStateException("migrations out of order in " + INDEX + ": " + name);
      }
      last = v;
      scripts.add(name);
    }
    return scripts;
  }

  private static int version(String script) {
    if (!script.matches("V\\d+__[\\w-]+\\.sql")) {
      throw new IllegalStateException("migration name " + script + " is not V<n>__<name>.sql");
    }
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  private static String read(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
      if (in == null) {
        throw new IllegalStateException("migration resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  /** Splits a script on ';' at line ends; comments ('--') are dropped. Scripts hold no triggers. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String l = line.strip();
      if (l.startsWith("--") || l.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (l.endsWith(";")) {
        out.add(current.toString().trim());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().trim());
    }
    return out;
  }
}

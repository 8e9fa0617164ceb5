package org.relais.gateway.reliability;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.relais.gateway.Gateway;
import org.relais.gateway.store.Database;
import org.relais.gateway.store.SqliteStore;

/**
 * Makes a running gateway's store unwritable and writable again, on the connection its writer
 * commits with. The tests run as root, for whom a read-only file is still writable, and no small
 * filesystem can be filled; so the faults are SQLite's own: {@code max_page_count} pinned to the
 * file's size makes every write that needs a page fail with SQLITE_FULL ("database or disk is
 * full", what a full disk gives), and {@code query_only} makes every write fail with
 * SQLITE_READONLY (what a read-only file gives). The code above the connection sees exactly
 * what it would see.
 */
final class StoreFaults {

  private final Database db;

  StoreFaults(Gateway gateway) {
    this.db = ((SqliteStore) gateway.services().store()).database();
  }

  /** The disk is full: the file may not grow by one page. */
  void diskFull() throws Exception {
    run("PRAGMA max_page_count = (SELECT page_count FROM pragma_page_count())");
  }

  /** The file is read-only. */
  void readOnly() throws Exception {
    run("PRAGMA query_only = 1");
  }

  /** Room again, and writable. */
  void heal() throws Exception {
    run("PRAGMA query_only = 0");
    run("PRAGMA max_page_count = 4294967294");
  }

  private void run(String pragma) throws Exception {
    db.write(c -> {
      try (Statement s = c.createStatement()) {
        if (pragma.contains("(SELECT")) {
          long pages;
          try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            pages = rs.next() ? rs.getLong(1) : 0;
          }
          s.execute("PRAGMA max_page_count = " + pages);
        } else {
          s.execute(pragma);
        }
      }
      return null;
    }).await(10, TimeUnit.SECONDS);
  }
}

package org.relais.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.StoreConfig;

/**
 * With {@code store.synchronous: full} a write completes only once a sync of the WAL made its
 * commit durable; the writer goes on committing meanwhile, and one sync covers every commit made
 * while the previous one ran.
 */
class DatabaseDurabilityTest {

  @TempDir
  Path dir;
  private Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private Database open(String synchronous, Database.Durability durability) {
    db = Database.open(new StoreConfig(dir.resolve("relais.db").toString(), synchronous, null), durability);
    return db;
  }

  private static Future<Integer> insert(Database db, String name) {
    return db.write(c -> {
      PreparedStatement ps = c.prepareStatement("INSERT INTO cursors (name, value, updated_at) VALUES (?, 'x', 0)");
      ps.setString(1, name);
      return ps.executeUpdate();
    });
  }

  private static long count(Database db) throws Exception {
    return db.read(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM cursors")) {
        rs.next();
        return rs.getLong(1);
      }
    }).await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldCompleteAWriteOnlyAfterTheSyncThatMakesItDurable() throws Exception {
    Semaphore disk = new Semaphore(0);
    AtomicInteger syncs = new AtomicInteger();
    Database db = open("full", () -> {
      syncs.incrementAndGet();
      disk.acquireUninterruptibly();
    });

    Future<Integer> first = insert(db, "a");
    // Committed (another connection reads it) but not answered while the disk has not confirmed.
    while (count(db) < 1) {
      Thread.sleep(5);
    }
    // The sync thread has taken that commit, and waits for the disk.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (syncs.get() < 1) {
      assertThat(System.nanoTime()).as("the first sync started within 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
    List<Future<Integer>> during = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      during.add(insert(db, "b" + i));
    }
    while (count(db) < 21) {
      Thread.sleep(5);
    }
    assertThat(first.isComplete()).isFalse();
    assertThat(during).noneMatch(Future::isComplete);
    assertThat(syncs.get()).isEqualTo(1);

    disk.release();
    assertThat(first.await(10, TimeUnit.SECONDS)).isEqualTo(1);
    // The writes committed while the first sync ran all wait for, and are covered by, the next one.
    assertThat(during).noneMatch(Future::isComplete);
    disk.release();
    for (Future<Integer> f : during) {
      assertThat(f.await(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(syncs.get()).isEqualTo(2);
    assertThat(db.syncs()).isEqualTo(2);
  }

  @Test
  void shouldFailTheWritesASyncDidNotMakeDurableAndTakeNoWriteAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Database db = open("full", () -> {
      calls.incrementAndGet();
      throw new IOException("Input/output error");
    });

    assertThatThrownBy(() -> insert(db, "a").await(10, TimeUnit.SECONDS))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the disk did not confirm it")
        .hasMessageContaining("Input/output error");
    // Committed all the same: a write whose answer was lost, as after a crash between commit and answer.
    assertThat(count(db)).isEqualTo(1);
    // The kernel may have dropped what it could not write: no later sync is trusted, no write taken.
    assertThatThrownBy(() -> insert(db, "b").await(10, TimeUnit.SECONDS))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("takes no write since a sync of the WAL failed (Input/output error)");
    assertThatThrownBy(() -> db.readInTurn(c -> 1).await(10, TimeUnit.SECONDS))
        .hasMessageContaining("takes no write");
    assertThat(calls.get()).isEqualTo(1);
    assertThat(db.syncs()).isZero();
    assertThat(db.lastError()).contains("sync of the WAL failed: Input/output error")
        .contains("no write until Relais restarts");
    // Reads still serve what is there.
    assertThat(count(db)).isEqualTo(1);
  }

  @Test
  void shouldHandAFailedSyncToEachWriteOnItsOwnContext() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Database db = open("full", () -> {
        throw new IOException("No space left on device");
      });
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Boolean> onContext = new CompletableFuture<>();
      context.runOnContext(v -> insert(db, "a").onComplete(done -> onContext.complete(
          done.failed() && Vertx.currentContext() == context)));
      assertThat(onContext.get(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldAnswerAReadInTurnOnlyOnceTheWriteItFindsIsDurable() throws Exception {
    Semaphore disk = new Semaphore(0);
    Database db = open("full", disk::acquireUninterruptibly);
    Future<Integer> written = insert(db, "a");
    while (count(db) < 1) {
      Thread.sleep(5);
    }
    Future<Long> found = db.readInTurn(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM cursors WHERE name = 'a'")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    while (db.commits() < 2) {
      Thread.sleep(5);
    }
    // It found the row, and waits with the write that put it there.
    assertThat(found.isComplete()).isFalse();
    disk.release();
    assertThat(written.await(10, TimeUnit.SECONDS)).isEqualTo(1);
    disk.release();
    assertThat(found.await(10, TimeUnit.SECONDS)).isEqualTo(1L);
  }

  @Test
  void shouldReportAFullDiskEvenAfterAWriteThatStillFitted() throws Exception {
    Database db = open("normal", () -> { });
    assertThat(insert(db, "a").await(10, TimeUnit.SECONDS)).isEqualTo(1);
    // No page more than the file has: SQLite's own stand-in for a full disk.
    db.write(c -> {
      try (java.sql.Statement st = c.createStatement()) {
        long pages;
        try (ResultSet rs = st.executeQuery("PRAGMA page_count")) {
          pages = rs.next() ? rs.getLong(1) : 0;
        }
        st.execute("PRAGMA max_page_count = " + pages);
      }
      return null;
    }).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> db.write(c -> c.createStatement().executeUpdate(
        "INSERT INTO cursors (name, value, updated_at) VALUES ('big', randomblob(200000), 0)"))
        .await(10, TimeUnit.SECONDS)).hasMessageContaining("full");
    // A small write still finds room in a page the file has: it commits, and the disk is still full.
    assertThat(insert(db, "small").await(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(db.lastError()).contains("full");
  }

  @Test
  void shouldEndAReadTransactionAFailedReadLeftOpen() throws Exception {
    Database db = open("normal", () -> { });
    // Reads take the reader connections in turn: eight failing reads leave each of the four
    // in a transaction, its snapshot taken before the insert below, unless the store ends it.
    for (int i = 0; i < 8; i++) {
      Future<Long> failed = db.read(c -> {
        c.setAutoCommit(false);
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM cursors")) {
          rs.next();
        }
        throw new java.sql.SQLException("failed mid-read");
      });
      assertThatThrownBy(() -> failed.await(10, TimeUnit.SECONDS)).hasMessageContaining("failed mid-read");
    }
    assertThat(insert(db, "seen").await(10, TimeUnit.SECONDS)).isEqualTo(1);
    for (int i = 0; i < 8; i++) {
      assertThat(count(db)).as("read " + i).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseAFileWithoutWriteAheadLog() throws Exception {
    Database.requireWal("wal");
    assertThatThrownBy(() -> Database.requireWal("delete"))
        .hasMessageContaining("cannot keep a write-ahead log for this file (journal mode delete)")
        .hasMessageContaining("store.path");
  }

  @Test
  void shouldAnswerAFailedWriteInItsTurnBehindTheCommitStillWaitingForTheDisk() throws Exception {
    CountDownLatch disk = new CountDownLatch(1);
    Database db = open("full", () -> {
      try {
        disk.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Future<Integer> committed = insert(db, "a");
    while (count(db) < 1) {
      Thread.sleep(5);
    }
    Future<Integer> duplicate = insert(db, "a");
    while (db.commits() < 2) {
      Thread.sleep(5);
    }
    // Its batch is done (the write failed alone, in its savepoint), and its answer waits its turn.
    assertThat(duplicate.isComplete()).isFalse();
    disk.countDown();
    assertThat(committed.await(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThatThrownBy(() -> duplicate.await(10, TimeUnit.SECONDS)).hasMessageContaining("UNIQUE");
  }

  @Test
  void shouldNotSyncWithSynchronousNormal() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    Database db = open("normal", syncs::incrementAndGet);
    for (int i = 0; i < 5; i++) {
      assertThat(insert(db, "n" + i).await(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(syncs.get()).isZero();
    assertThat(db.syncs()).isZero();
  }

  @Test
  void shouldSyncTheRealWalFile() throws Exception {
    db = Database.open(new StoreConfig(dir.resolve("real/relais.db").toString(), "full", null));
    for (int i = 0; i < 3; i++) {
      assertThat(insert(db, "r" + i).await(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(db.syncs()).isBetween(1L, 3L);
    assertThat(Files.size(dir.resolve("real/relais.db-wal"))).isPositive();
  }
}

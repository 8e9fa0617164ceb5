package org.relais.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
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
  void shouldFailTheWritesASyncDidNotMakeDurableAndGoOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Database db = open("full", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IOException("Input/output error");
      }
    });

    assertThatThrownBy(() -> insert(db, "a").await(10, TimeUnit.SECONDS))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the disk did not confirm it")
        .hasMessageContaining("Input/output error");
    assertThat(db.lastError()).contains("sync of the WAL failed");
    // Committed all the same: a write whose answer was lost, as after a crash between commit and answer.
    assertThat(count(db)).isEqualTo(1);
    assertThat(insert(db, "b").await(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(db.syncs()).isEqualTo(1);
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

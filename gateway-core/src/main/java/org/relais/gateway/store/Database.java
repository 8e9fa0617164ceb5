package org.relais.gateway.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.relais.gateway.config.StoreConfig;
import org.relais.sms.AnswerBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite file: one writer thread that takes every pending write and commits them together,
 * and a few reader connections on a small pool. Results come back on the caller's Vert.x context
 * (one hop per context per commit, not one per write), or, for callers outside Vert.x, on a
 * virtual thread per commit.
 *
 * <p>With {@code store.synchronous: full}, a commit is durable before anyone hears of it, but the
 * writer does not wait for the disk: SQLite commits without syncing (its {@code NORMAL} mode in
 * WAL), and a second thread, {@code store-sync}, syncs the WAL file (fdatasync) and only then
 * completes the writes of every commit that sync covers, in commit order, while the writer runs
 * the next batch. One sync thus covers every commit made while the previous one ran. A
 * transaction another connection reads between its commit and its sync is one no caller was told
 * of yet: a caller that answers from what another request wrote (an {@code Idempotency-Key} seen
 * before) reads with {@link #readInTurn}, not {@link #read}.
 *
 * <p>A failed sync fails the writes it should have made durable (they are committed, and may be
 * acted on, as a write whose answer was lost). It also stops the store taking writes until Relais
 * restarts: once the kernel has reported a failed write-back it may have dropped the pages it could
 * not write, and a later sync that succeeds would not say so. Every write is then refused with the
 * cause, and {@link #lastError} keeps it, so the health check reports the store down.
 *
 * <p>A batch first runs as one plain transaction. When a write in it fails, the transaction is
 * rolled back and the batch runs again, each write in its own savepoint, so that one failing write
 * does not undo the others: a write's work may therefore run twice, and must change nothing but
 * the database it is given.
 */
public final class Database implements AutoCloseable {

  /** Work done with a connection; runs on the writer or a reader thread, never on an event loop. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Makes every transaction committed so far durable. */
  @FunctionalInterface
  interface Durability {
    void sync() throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final int READERS = 4;
  /** How long a fault of the file keeps {@link #lastError} set after the last write it failed. */
  static final java.time.Duration STORAGE_FAULT_HOLD = java.time.Duration.ofSeconds(5);

  private final Path path;
  private final int batchSize;
  private final Connection writer;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final ExecutorService readPool;
  private final BlockingQueue<WriteTask<?>> writes = new LinkedBlockingQueue<>();
  private final Thread writerThread;
  /** Null when commits need no sync ({@code store.synchronous: normal}), and so is the sync thread. */
  private final Durability durability;
  private final BlockingQueue<Committed> committed = new LinkedBlockingQueue<>();
  private final Thread syncThread;
  private final int schemaVersion;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong committedWrites = new AtomicLong();
  private final List<Runnable> rollbackListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean open = true;
  private volatile String lastError;
  /** What the first failed sync met; from then on no write is taken (see the class comment). */
  private volatile String syncFault;
  /** The last fault of the file (no room, no write access) and when it was met (System.nanoTime). */
  private volatile String storageFault;
  private volatile long storageFaultAt;

  private Database(Path path, StoreConfig config, Durability durability) throws SQLException {
    this.path = path;
    this.batchSize = config.batchSize();
    this.writer = connect(path);
    this.schemaVersion = Migrations.migrate(writer);
    writer.setAutoCommit(false);
    this.durability = "full".equals(config.synchronous()) ? durability : null;
    for (int i = 0; i < READERS; i++) {
      readers.add(connectReader(path));
    }
    this.readPool = Executors.newFixedThreadPool(READERS, Thread.ofPlatform().name("store-read-", 0).daemon().factory());
    this.writerThread = Thread.ofPlatform().name("store-writer").unstarted(this::writeLoop);
    this.syncThread = this.durability == null ? null
        : Thread.ofPlatform().name("store-sync").unstarted(this::syncLoop);
    writerThread.start();
    if (syncThread != null) {
      syncThread.start();
    }
  }

  /** Opens (creating when needed) the file of {@code config.path()} and brings its schema up to date. */
  public static Database open(StoreConfig config) {
    Path path = Path.of(config.path()).toAbsolutePath();
    return open(config, new WalSync(path));
  }

  /** As {@link #open(StoreConfig)}, commits made durable by {@code durability} (a test's stand-in for the disk). */
  static Database open(StoreConfig config, Durability durability) {
    Path path = Path.of(config.path()).toAbsolutePath();
    try {
      Files.createDirectories(path.getParent());
      return new Database(path, config, durability);
    } catch (Exception e) {
      throw new StoreException("cannot open the store at " + path + ": " + e.getMessage(), e, false);
    }
  }

  /**
   * Every connection commits without syncing (SQLite's NORMAL in WAL mode: a commit survives a
   * crash of the process, and the file stays sound through a power cut); with {@code full}, the
   * sync thread makes each commit durable before its writes complete.
   */
  private static Connection connect(Path path) throws SQLException {
    java.util.Properties properties = new java.util.Properties();
    // sqlite-jdbc otherwise runs "SELECT last_insert_rowid()" after every INSERT; no caller reads it.
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + path, properties);
    try (Statement s = c.createStatement()) {
      try (ResultSet mode = s.executeQuery("PRAGMA journal_mode=WAL")) {
        requireWal(mode.next() ? mode.getString(1) : null);
      }
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA foreign_keys=ON");
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA cache_size=-32768");
      s.execute("PRAGMA mmap_size=268435456");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Fails unless SQLite keeps a write-ahead log: without it readers would block the writer, and the
   * sync thread would sync a file no commit goes to.
   */
  static void requireWal(String journalMode) throws SQLException {
    if (!"wal".equalsIgnoreCase(journalMode)) {
      throw new SQLException("SQLite cannot keep a write-ahead log for this file (journal mode " + journalMode
          + "); put store.path on a local file system");
    }
  }

  private static Connection connectReader(Path path) throws SQLException {
    Connection reader = connect(path);
    try (Statement st = reader.createStatement()) {
      st.execute("PRAGMA query_only=1");
    }
    return reader;
  }

  public Path path() {
    return path;
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  /** Number of transactions committed, and of writes they carried (their ratio is the group-commit factor). */
  public long commits() {
    return commits.get();
  }

  public long committedWrites() {
    return committedWrites.get();
  }

  /** Number of syncs of the WAL file that made commits durable (each covers one commit or more). */
  public long syncs() {
    return syncs.get();
  }

  /**
   * The failed sync that stopped the writes; else a fault of the file met in the last {@link
   * #STORAGE_FAULT_HOLD} (on a full disk a commit that fits in the file's free pages still
   * succeeds, and must not make the store look well between two that fail); else the last error
   * the writer met; else null.
   */
  public String lastError() {
    String fault = syncFault;
    if (fault != null) {
      return "sync of the WAL failed: " + fault + "; the store takes no write until Relais restarts";
    }
    String storage = storageFault;
    if (storage != null && System.nanoTime() - storageFaultAt < STORAGE_FAULT_HOLD.toNanos()) {
      return storage;
    }
    return lastError;
  }

  public boolean isOpen() {
    return open;
  }

  /**
   * Runs {@code listener} on the writer thread each time a transaction is rolled back whole (a
   * batch that runs again write by write, or fails), before any other write runs: for state kept
   * beside the file that a rolled-back write may have changed.
   */
  void onRollback(Runnable listener) {
    rollbackListeners.add(listener);
  }

  /** Queues a write; the future completes once the transaction that carries it is committed. */
  public <T> Future<T> write(Work<T> work) {
    return write(work, false);
  }

  /**
   * Queues a write that runs before the others of the transaction it lands in: a submit result, so
   * that a receipt queued right behind it (the SMSC sends it just after the resp) finds its part.
   */
  public <T> Future<T> writeFirst(Work<T> work) {
    return write(work, true);
  }

  private <T> Future<T> write(Work<T> work, boolean first) {
    WriteTask<T> task = new WriteTask<>(work, Promise.promise(), Vertx.currentContext(), first);
    if (!open) {
      task.promise.fail(new StoreException("the store is closed", null, true));
    } else if (syncFault != null) {
      task.promise.fail(refusal());
    } else {
      writes.add(task);
    }
    return task.promise.future();
  }

  /**
   * Runs a query on the writer, in turn with the writes: it completes once every write committed
   * before it is durable, so an answer built on what it found is never given before the answer to
   * the write that put it there. For queries that decide an answer from another request's write.
   */
  public <T> Future<T> readInTurn(Work<T> work) {
    return write(work, false);
  }

  /**
   * Runs a query on a reader connection; it sees every committed write, with {@code store.synchronous:
   * full} possibly one whose sync has not completed yet.
   */
  public <T> Future<T> read(Work<T> work) {
    Context context = Vertx.currentContext();
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      readPool.execute(() -> {
        Connection c = null;
        try {
          c = readers.take();
          result.complete(work.run(c));
        } catch (SQLException e) {
          result.completeExceptionally(translate(e));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          result.completeExceptionally(new StoreException("interrupted", e, true));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        } finally {
          if (c != null) {
            readers.add(settled(c));
          }
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(new StoreException("the store is closed", e, true));
    }
    return adapt(result, context);
  }

  /**
   * A reader connection back in autocommit with no transaction open (a read that opened one, and
   * failed to end it, would pin an old snapshot, and keep checkpoints behind it), or a new one.
   */
  private Connection settled(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      return c;
    } catch (SQLException e) {
      log.warn("store: a reader connection left in a transaction is replaced: {}", e.getMessage());
      try {
        c.close();
      } catch (SQLException ignored) {
        // It is dropped either way.
      }
      try {
        return connectReader(path);
      } catch (SQLException again) {
        throw new StoreException("cannot open a reader connection: " + again.getMessage(), again, true);
      }
    }
  }

  private static <T> Future<T> adapt(CompletableFuture<T> result, Context context) {
    return context != null ? Future.fromCompletionStage(result, context) : Future.fromCompletionStage(result);
  }

  private void writeLoop() {
    List<WriteTask<?>> batch = new ArrayList<>(batchSize);
    while (open || !writes.isEmpty()) {
      try {
        WriteTask<?> first = writes.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        writes.drainTo(batch, batchSize - 1);
        if (syncFault != null) {
          // Queued before the sync failed: refused as every write since.
          settle(batch, failures(batch, refusal()), false);
          continue;
        }
        commit(firstsFirst(batch));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<WriteTask<?>> batch) {
    List<Runnable> completions = new ArrayList<>(batch.size());
    try {
      try {
        for (WriteTask<?> task : batch) {
          completions.add(task.run(writer));
        }
      } catch (SQLException | RuntimeException e) {
        if (e instanceof SQLException sql && isStorageFault(sql)) {
          // No room or no write access: a fault of the file, not of one write. Running each write
          // again would not help, and SQLite may already have ended the transaction.
          throw sql;
        }
        writer.rollback();
        rollbackListeners.forEach(Runnable::run);
        Sql.forget(writer);
        completions.clear();
        for (WriteTask<?> task : batch) {
          completions.add(task.runInSavepoint(writer));
        }
      }
      writer.commit();
      commits.incrementAndGet();
      committedWrites.addAndGet(batch.size());
      lastError = null;
    } catch (SQLException e) {
      lastError = e.getMessage();
      if (isStorageFault(e)) {
        storageFaultAt = System.nanoTime();
        storageFault = e.getMessage();
      }
      log.error("store: commit of {} writes failed: {}", batch.size(), e.getMessage());
      rollbackAndBegin();
      Sql.forget(writer);
      // Nothing of this batch is in the file: no sync to wait for, but its answers keep their turn.
      settle(batch, failures(batch, translate(e)), false);
      return;
    }
    settle(batch, completions, true);
  }

  /** Completes a batch's writes now, or (store.synchronous full) once a sync made it durable. */
  private void settle(List<WriteTask<?>> batch, List<Runnable> completions, boolean needsSync) {
    if (durability == null) {
      complete(batch, completions);
    } else {
      committed.add(new Committed(List.copyOf(batch), completions, needsSync));
    }
  }

  /** A batch done by the writer, waiting for the sync that makes it durable (or for its turn, when it failed). */
  private record Committed(List<WriteTask<?>> batch, List<Runnable> completions, boolean needsSync) {}

  /**
   * Takes every batch committed since the last sync, syncs the WAL once for all of them, then
   * completes their writes in commit order; runs until the writer has stopped and all are done.
   */
  private void syncLoop() {
    List<Committed> done = new ArrayList<>();
    while (writerThread.isAlive() || !committed.isEmpty()) {
      try {
        Committed first = committed.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        done.add(first);
        committed.drainTo(done);
        StoreException failure = done.stream().anyMatch(Committed::needsSync) ? sync() : null;
        for (Committed c : done) {
          try {
            complete(c.batch(), failure != null && c.needsSync() ? failures(c.batch(), failure) : c.completions());
          } catch (RuntimeException e) {
            // A completion that could not be handed on: logged, and the other batches still get theirs.
            log.error("store: completing synced writes failed", e);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        done.clear();
      }
    }
  }

  private static List<Runnable> failures(List<WriteTask<?>> batch, StoreException failure) {
    List<Runnable> failures = new ArrayList<>(batch.size());
    batch.forEach(task -> failures.add(() -> task.promise.tryFail(failure)));
    return failures;
  }

  /**
   * Syncs the WAL; null when done, else the failure to give the writes it did not make durable.
   * After a failed sync none is tried again (see the class comment): each later one fails the same.
   */
  private StoreException sync() {
    if (syncFault == null) {
      try {
        durability.sync();
        syncs.incrementAndGet();
        return null;
      } catch (IOException | RuntimeException e) {
        log.error("store: sync of the WAL failed: {}; the store takes no write until Relais restarts", e.toString());
        syncFault = String.valueOf(e.getMessage());
      }
    }
    return new StoreException("committed, but the disk did not confirm it (sync of the WAL failed: " + syncFault
        + "); the store takes no write until Relais restarts", null, true);
  }

  /** Why a write is not taken after a failed sync. */
  private StoreException refusal() {
    return new StoreException("the store takes no write since a sync of the WAL failed (" + syncFault
        + "); check the disk, then restart Relais", null, true);
  }

  /**
   * Rolls the failed transaction back and opens the next one. SQLite itself ends the transaction
   * on some errors (SQLITE_FULL, SQLITE_IOERR...): the driver's rollback then fails and does not
   * open the next transaction, and the writes of the next batch would each commit on their own,
   * before the batch knows whether it succeeded. So the next transaction is opened here.
   */
  private void rollbackAndBegin() {
    rollbackListeners.forEach(Runnable::run);
    try {
      writer.rollback();
    } catch (SQLException rollback) {
      log.warn("store: rollback: {}; opening the next transaction", rollback.getMessage());
      try (Statement s = writer.createStatement()) {
        s.execute("BEGIN");
      } catch (SQLException begin) {
        log.error("store: cannot open the next transaction: {}", begin.getMessage());
      }
    }
  }

  private static List<WriteTask<?>> firstsFirst(List<WriteTask<?>> batch) {
    if (batch.stream().noneMatch(WriteTask::first)) {
      return batch;
    }
    List<WriteTask<?>> ordered = new ArrayList<>(batch.size());
    batch.stream().filter(WriteTask::first).forEach(ordered::add);
    batch.stream().filter(t -> !t.first()).forEach(ordered::add);
    return ordered;
  }

  /**
   * Runs the completions of a batch: per Vert.x context in one task on it, the others on one
   * virtual thread, the SMPP answers they send leaving together at its end.
   */
  private static void complete(List<WriteTask<?>> batch, List<Runnable> completions) {
    Map<Context, List<Runnable>> byContext = new HashMap<>();
    List<Runnable> outside = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Context context = batch.get(i).context;
      if (context == null) {
        outside.add(completions.get(i));
      } else {
        byContext.computeIfAbsent(context, c -> new ArrayList<>()).add(completions.get(i));
      }
    }
    byContext.forEach((context, runs) -> {
      try {
        context.runOnContext(v -> runs.forEach(Runnable::run));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Vert.x is closing before the store: nobody is left to read these results.
        log.debug("store: {} results dropped, their event loop is closed", runs.size());
      }
    });
    completeOutside("store-done", outside);
  }

  /**
   * Runs the completions of callers outside Vert.x on one virtual thread named {@code name}, never
   * on the thread that has them: receipts among them are answered to their SMSC, in one write per
   * session ({@link AnswerBatch}).
   */
  static void completeOutside(String name, List<Runnable> completions) {
    if (!completions.isEmpty()) {
      Thread.ofVirtual().name(name).start(() -> AnswerBatch.run(() -> completions.forEach(Runnable::run)));
    }
  }

  static StoreException translate(SQLException e) {
    boolean retryable = e instanceof SQLiteException s && (isStorageFault(e) || switch (s.getResultCode()) {
      case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_BUSY_TIMEOUT -> true;
      default -> false;
    });
    return new StoreException(e.getMessage(), e, retryable);
  }

  /**
   * True for a fault of the file rather than of the write: no room (FULL), no write access
   * (READONLY, PERM, CANTOPEN), an I/O error. It lasts until an operator acts, and may then pass.
   */
  static boolean isStorageFault(SQLException e) {
    if (!(e instanceof SQLiteException s)) {
      return false;
    }
    int primary = s.getResultCode().code & 0xFF;
    return primary == SQLiteErrorCode.SQLITE_FULL.code || primary == SQLiteErrorCode.SQLITE_READONLY.code
        || primary == SQLiteErrorCode.SQLITE_PERM.code || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code
        || primary == SQLiteErrorCode.SQLITE_IOERR.code;
  }

  @Override
  public void close() {
    open = false;
    try {
      writerThread.join(TimeUnit.SECONDS.toMillis(30));
      if (syncThread != null) {
        syncThread.join(TimeUnit.SECONDS.toMillis(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readPool.shutdown();
    try {
      readPool.awaitTermination(10, TimeUnit.SECONDS);
      writer.close();
      if (durability instanceof WalSync wal) {
        wal.close();
      }
      for (Connection c : readers) {
        c.close();
      }
    } catch (SQLException | InterruptedException e) {
      log.warn("store: close: {}", e.toString());
    }
  }

  /** A write waiting for the writer thread, and the context its result goes back to (null outside Vert.x). */
  private record WriteTask<T>(Work<T> work, Promise<T> promise, Context context, boolean first) {

    /** Runs the work in the open transaction; returns what completes it once the batch is committed. */
    Runnable run(Connection conn) throws SQLException {
      T value = work.run(conn);
      return () -> promise.tryComplete(value);
    }

    /**
     * Runs the work in a savepoint, so that its failure undoes only its own changes; a storage
     * fault (no room, no write access) is thrown, to fail the whole batch.
     */
    Runnable runInSavepoint(Connection conn) throws SQLException {
      Savepoint savepoint = conn.setSavepoint();
      try {
        T value = work.run(conn);
        conn.releaseSavepoint(savepoint);
        return () -> promise.tryComplete(value);
      } catch (SQLException | RuntimeException e) {
        if (e instanceof SQLException sql && isStorageFault(sql)) {
          throw sql;
        }
        conn.rollback(savepoint);
        conn.releaseSavepoint(savepoint);
        Sql.forget(conn);
        Throwable failure = e instanceof SQLException sql ? translate(sql) : e;
        return () -> promise.tryFail(failure);
      }
    }
  }

  static boolean isConstraint(SQLException e) {
    return e instanceof SQLiteException s && s.getResultCode().code == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
  }
}

package org.relais.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.config.StoreConfig;
import org.relais.gateway.metrics.Metrics;
import org.relais.gateway.store.SqliteStore;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundPort;
import org.relais.sms.InboundSms;
import org.relais.sms.receipt.DeliveryReceipt;
import org.relais.sms.smpp.BindConfig;
import org.relais.sms.smpp.SmsConnector;
import org.relais.sms.simulator.SmscSimulator;

/**
 * When messages wait in the store (the backlog), new ones queue behind them; the first read of the
 * queue that finds fewer than it asked for ends the backlog, even when messages were committed
 * while it ran, and those are read at once. Real store, real bind to the SMSC simulator; the
 * store's queue read is held back to place a commit inside it.
 */
@Timeout(60)
class OutboundBacklogTest {

  @TempDir
  Path dir;
  private Vertx vertx;
  private SqliteStore sqlite;
  private SmscSimulator smsc;
  private SmsConnector connector;
  private OutboundDispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sqlite = SqliteStore.open(new StoreConfig(dir.resolve("relais.db").toString(), "normal", null));
    smsc = new SmscSimulator(0, Duration.ZERO, false).start();
    connector = new SmsConnector(List.of(BindConfig.of("test", "127.0.0.1", smsc.port(), "relais", "secret")),
        new NoInbound());
    connector.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (dispatcher != null) {
      dispatcher.stop();
    }
    connector.close();
    smsc.close();
    sqlite.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldEndTheBacklogOnceAReadComesBackShortAndReadWhatWasQueuedDuringIt() throws Exception {
    MessageStore real = sqlite.messages();
    MessageStore store = mock(MessageStore.class, delegatesTo(real));
    // The first read of the queue runs at once (its snapshot has nothing), its answer held back.
    Promise<Void> release = Promise.promise();
    CompletableFuture<Integer> firstRead = new CompletableFuture<>();
    AtomicInteger reads = new AtomicInteger();
    doAnswer(call -> {
      Future<List<OutboundMessage>> read = real.claim(call.getArgument(0));
      if (reads.getAndIncrement() > 0) {
        return read;
      }
      read.onSuccess(got -> firstRead.complete(got.size()));
      return read.compose(got -> release.future().map(v -> got));
    }).when(store).claim(anyInt());
    Metrics metrics = new Metrics();
    dispatcher = new OutboundDispatcher(vertx, store, connector, 100, metrics);
    Metrics.Counter fromQueue = metrics.counter("relais_sms_read_from_queue_total", "");

    Future<Integer> resumed = dispatcher.resume();
    assertThat(firstRead.get(10, TimeUnit.SECONDS)).isZero();
    // Committed while that read runs, after its snapshot: queued behind the backlog, unclaimed.
    OutboundMessage during = dispatcher.send(NewMessage.to("+21620000001", "during the read").build())
        .await(10, TimeUnit.SECONDS);
    verify(store).insert(argThat(m -> m.body().equals("during the read")), eq(false));

    // The short read ended the backlog, and the queue is read once more at once (not at the next
    // sweep) for the message committed meanwhile: that read has begun when the first one is done.
    Future<Integer> readsWhenDone = resumed.map(n -> reads.get());
    release.complete();
    assertThat(resumed.await(10, TimeUnit.SECONDS)).isZero();
    assertThat(readsWhenDone.await(10, TimeUnit.SECONDS)).isEqualTo(2);
    awaitTrue(() -> fromQueue.get() == 1, "the message committed during the read is read from the queue");

    OutboundMessage after = dispatcher.send(NewMessage.to("+21620000002", "after the read").build())
        .await(10, TimeUnit.SECONDS);
    verify(store).insert(argThat(m -> m.body().equals("after the read")), eq(true));
    for (OutboundMessage m : List.of(during, after)) {
      awaitTrue(() -> state(real, m.id()) == MessageState.SUBMITTED, m.id() + " submitted");
    }
    assertThat(fromQueue.get()).isEqualTo(1);
  }

  private static MessageState state(MessageStore store, String id) {
    try {
      return store.find(id).await(10, TimeUnit.SECONDS).orElseThrow().state();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the store did not answer", e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** This test sends only. */
  private static final class NoInbound implements InboundPort {
    @Override
    public java.util.concurrent.CompletionStage<Void> accept(InboundSms sms) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> acceptPart(InboundPart part) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> receipt(String scope, String bind, DeliveryReceipt receipt) {
      return CompletableFuture.completedFuture(null);
    }
  }
}

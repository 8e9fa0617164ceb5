package org.relais.sms.smpp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.relais.sms.InboundPort;
import org.relais.sms.InboundSms;
import org.relais.sms.receipt.DeliveryReceipt;

/** An {@link InboundPort} for tests: records what it commits, and can be made to fail or to hold commits. */
public final class RecordingPort implements InboundPort {

  private final List<InboundSms> texts = new CopyOnWriteArrayList<>();
  private final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
  private volatile Supplier<CompletableFuture<Void>> commit = () -> CompletableFuture.completedFuture(null);

  /** Commits complete with what {@code commit} returns (a failed future makes the SMSC redeliver). */
  public void commitWith(Supplier<CompletableFuture<Void>> commit) {
    this.commit = commit;
  }

  @Override
  public CompletionStage<Void> accept(InboundSms sms) {
    return commit.get().thenRun(() -> texts.add(sms));
  }

  @Override
  public CompletionStage<Void> receipt(String bind, DeliveryReceipt receipt) {
    return commit.get().thenRun(() -> receipts.add(receipt));
  }

  public List<InboundSms> texts() {
    return List.copyOf(texts);
  }

  public List<DeliveryReceipt> receipts() {
    return List.copyOf(receipts);
  }
}

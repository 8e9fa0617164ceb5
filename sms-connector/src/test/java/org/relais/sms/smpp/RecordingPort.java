package org.relais.sms.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.relais.sms.InboundPart;
import org.relais.sms.InboundPort;
import org.relais.sms.InboundSms;
import org.relais.sms.receipt.DeliveryReceipt;

/**
 * An {@link InboundPort} for tests: records what it commits (joining parts in memory, a part
 * counted once), and can be made to fail or to hold commits.
 */
public final class RecordingPort implements InboundPort {

  /** A receipt and where it came from. */
  public record Received(String scope, String bind, DeliveryReceipt receipt) {}

  private final List<InboundSms> texts = new CopyOnWriteArrayList<>();
  private final List<Received> receipts = new CopyOnWriteArrayList<>();
  private final Map<String, List<InboundPart>> parts = new ConcurrentHashMap<>();
  private final List<String> partKeys = new CopyOnWriteArrayList<>();
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
  public CompletionStage<Void> acceptPart(InboundPart part) {
    return commit.get().thenRun(() -> {
      synchronized (parts) {
        if (partKeys.contains(part.partKey())) {
          return;
        }
        partKeys.add(part.partKey());
        List<InboundPart> group = parts.computeIfAbsent(part.groupKey(), k -> new ArrayList<>());
        group.add(part);
        if (group.size() == part.total()) {
          parts.remove(part.groupKey());
          texts.add(InboundPart.join(group));
        }
      }
    });
  }

  @Override
  public CompletionStage<Void> receipt(String scope, String bind, DeliveryReceipt receipt) {
    return commit.get().thenRun(() -> receipts.add(new Received(scope, bind, receipt)));
  }

  public List<InboundSms> texts() {
    return List.copyOf(texts);
  }

  public List<DeliveryReceipt> receipts() {
    return receipts.stream().map(Received::receipt).toList();
  }

  public List<Received> received() {
    return List.copyOf(receipts);
  }

  /** Parts still waiting for the rest of their message. */
  public int waitingParts() {
    return parts.values().stream().mapToInt(List::size).sum();
  }
}

package org.relais.sms.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.relais.sms.OutboundSms;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;
import org.relais.sms.encoding.EncodedText;

/**
 * A message between its hand-over to the connector and its result: ordered by lane, then by
 * arrival. Once a first part is accepted, the rest stays on that bind's group (the handset joins
 * parts by reference, and receipts are matched within a group).
 */
final class PendingSubmit implements Comparable<PendingSubmit> {

  final OutboundSms sms;
  final long order;
  final CompletableFuture<SubmitResult> result = new CompletableFuture<>();
  final List<String> smscIds = new ArrayList<>(1);
  private EncodedText text;
  private String encodedFor;
  private String scope;
  private String firstBind;
  int attempts;

  PendingSubmit(OutboundSms sms, long order) {
    this.sms = sms;
    this.order = order;
  }

  /** The text as {@code bind} sends it; encoded again only when nothing was sent yet. */
  synchronized EncodedText textFor(SmppBind bind) {
    if (text == null || (smscIds.isEmpty() && !bind.name().equals(encodedFor))) {
      text = bind.encode(sms);
      encodedFor = bind.name();
    }
    return text;
  }

  /** The group that holds this message once a part was accepted, else null. */
  synchronized String scope() {
    return scope;
  }

  synchronized void accepted(SmppBind bind, String smscId) {
    if (smscIds.isEmpty()) {
      scope = bind.group();
      firstBind = bind.name();
    }
    smscIds.add(smscId);
  }

  /** The parts accepted so far, which is also the index of the next part to send. */
  synchronized int sentParts() {
    return smscIds.size();
  }

  synchronized int remainingParts() {
    return text == null ? 1 : text.segments().size() - smscIds.size();
  }

  synchronized SubmitResult success() {
    return new SubmitResult(sms.id(), firstBind, scope, smscIds);
  }

  /**
   * Fails the message; when parts were accepted already, the failure names them, so that whoever
   * sends the message again can still match their receipts.
   */
  void fail(SmsException e) {
    SmsException failure;
    synchronized (this) {
      failure = smscIds.isEmpty() ? e : e.withAccepted(success());
    }
    result.completeExceptionally(failure);
  }

  boolean isDone() {
    return result.isDone();
  }

  @Override
  public int compareTo(PendingSubmit other) {
    int lane = sms.priority().compareTo(other.sms.priority());
    return lane != 0 ? lane : Long.compare(order, other.order);
  }
}

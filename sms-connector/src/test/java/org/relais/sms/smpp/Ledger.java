package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;

/**
 * Every message a test handed to the connector, and what became of it: at the end of a test each
 * one has an outcome (accepted with SMSC ids the SMSC really issued, or a failure of a known kind);
 * none is left hanging.
 */
final class Ledger {

  private final Map<String, CompletableFuture<SubmitResult>> messages = new ConcurrentHashMap<>();

  CompletableFuture<SubmitResult> track(String id, CompletableFuture<SubmitResult> submit) {
    if (messages.putIfAbsent(id, submit) != null) {
      throw new IllegalArgumentException("message " + id + " tracked twice");
    }
    return submit;
  }

  /**
   * Waits for every message to have an outcome and checks it; returns the count per outcome
   * ({@code submitted} or the failure kind).
   */
  Map<String, Integer> settle(TestSmsc smsc, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Map.Entry<String, CompletableFuture<SubmitResult>> e : messages.entrySet()) {
      String outcome;
      try {
        SubmitResult r = e.getValue().get(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        assertThat(r.messageId()).isEqualTo(e.getKey());
        assertThat(r.smscMessageIds()).as("ids of " + e.getKey()).isNotEmpty();
        if (smsc != null) {
          assertThat(smsc.issuedIds()).as("the SMSC issued the ids of " + e.getKey()).containsAll(r.smscMessageIds());
        }
        outcome = "submitted";
      } catch (ExecutionException ex) {
        assertThat(ex.getCause()).as("failure of " + e.getKey()).isInstanceOf(SmsException.class);
        outcome = ((SmsException) ex.getCause()).kind().name();
      } catch (TimeoutException ex) {
        throw new AssertionError("message " + e.getKey() + " has no outcome: it would be lost");
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    return outcomes;
  }
}

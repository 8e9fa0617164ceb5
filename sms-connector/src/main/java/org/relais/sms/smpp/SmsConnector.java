package org.relais.sms.smpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.relais.sms.InboundPort;
import org.relais.sms.OutboundSms;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;

/**
 * The connector's face to gateway-core: its binds, grouped; one submit, routed by destination
 * prefix to a group, to the least loaded bind of it that can send, or to the next group of the
 * route while the first has none (failover). A message no bind of its route can take waits here
 * (parked) until one can; a bind that loses its connection hands back what it had not sent.
 */
public final class SmsConnector implements AutoCloseable {

  private final List<SmppBind> binds;
  private final Map<String, List<SmppBind>> groups = new LinkedHashMap<>();
  private final RouteTable routes;
  private final PriorityBlockingQueue<PendingSubmit> parked = new PriorityBlockingQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean running = true;

  private volatile java.util.function.Predicate<org.relais.sms.OutboundSms> withdrawn = sms -> false;

  public SmsConnector(List<BindConfig> configs, InboundPort inbound) {
    this(configs, List.of(), inbound);
  }

  public SmsConnector(List<BindConfig> configs, List<Route> routes, InboundPort inbound) {
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("at least one bind is needed");
    }
    this.routes = RouteTable.of(routes, configs);
    List<SmppBind> list = new ArrayList<>(configs.size());
    for (BindConfig config : configs) {
      SmppBind bind = new SmppBind(config, inbound);
      bind.withdrawnBy(this::isWithdrawn);
      bind.connect(this::place, this::unpark);
      list.add(bind);
      groups.computeIfAbsent(config.group(), g -> new ArrayList<>()).add(bind);
    }
    this.binds = List.copyOf(list);
  }

  public void start() {
    binds.forEach(SmppBind::start);
  }

  /** True when a route covers {@code destination}. */
  public boolean hasRoute(String destination) {
    return routes.groupsFor(destination).isPresent();
  }

  /**
   * Sends a message through its route. The future completes with the SMSC ids once every part is
   * accepted, or fails with an {@link SmsException}: {@code INVALID} when no route covers the
   * number or the text cannot be encoded, {@code REJECTED} with the SMSC's command_status, and
   * retryable kinds when it could not be sent for now or the connector is stopping. It completes on
   * the binds' threads (an SMPP session's reader among them): what is chained on it must not block.
   */
  public CompletableFuture<SubmitResult> submit(OutboundSms sms) {
    Optional<List<String>> route = routes.groupsFor(sms.destination());
    if (route.isEmpty()) {
      return CompletableFuture.failedFuture(new SmsException(SmsException.Kind.INVALID,
          "no route (smpp.routes) covers the destination"));
    }
    PendingSubmit pending = new PendingSubmit(sms, sequence.incrementAndGet());
    try {
      pending.textFor(groups.get(route.get().getFirst()).getFirst());
    } catch (SmsException e) {
      return CompletableFuture.failedFuture(e);
    }
    place(pending);
    return pending.result;
  }

  /**
   * Names the messages their sender withdrew: a bind checks each message just before submitting its
   * first part, and fails a withdrawn one with {@link org.relais.sms.SmsException.Kind#WITHDRAWN}.
   */
  public void withdrawWhen(java.util.function.Predicate<org.relais.sms.OutboundSms> test) {
    this.withdrawn = test;
  }

  /** True when the sender withdrew {@code sms}; read by the binds. */
  boolean isWithdrawn(org.relais.sms.OutboundSms sms) {
    return withdrawn.test(sms);
  }

  /** The parts a text takes on the preferred bind for {@code destination}; 0 when it is too long or has no route. */
  public int partsFor(String destination, String text, boolean transliterate) {
    Optional<List<String>> route = routes.groupsFor(destination);
    if (route.isEmpty()) {
      return 0;
    }
    try {
      return groups.get(route.get().getFirst()).getFirst().partsFor(text, transliterate);
    } catch (SmsException e) {
      return 0;
    }
  }

  /** Hands a message to the least loaded bind that can send, on its route in order; parks it when none can. */
  void place(PendingSubmit pending) {
    if (!running) {
      pending.fail(new SmsException(SmsException.Kind.SHUTDOWN, "the SMS connector is stopping"));
      return;
    }
    List<String> order = pending.scope() != null ? List.of(pending.scope())
        : routes.groupsFor(pending.sms.destination()).orElse(List.of());
    SmppBind best = bestBind(order);
    if (best != null) {
      best.enqueue(pending);
      return;
    }
    parked.add(pending);
    if (bestBind(order) != null) {
      unpark();
    }
  }

  private SmppBind bestBind(List<String> order) {
    for (String group : order) {
      SmppBind best = null;
      for (SmppBind bind : groups.getOrDefault(group, List.of())) {
        if (bind.canSend() && (best == null || bind.load() < best.load())) {
          best = bind;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  /** Places again every parked message; called when a bind becomes able to send. */
  private void unpark() {
    List<PendingSubmit> waiting = new ArrayList<>();
    parked.drainTo(waiting);
    for (PendingSubmit pending : waiting) {
      List<String> order = pending.scope() != null ? List.of(pending.scope())
          : routes.groupsFor(pending.sms.destination()).orElse(List.of());
      SmppBind best = running ? bestBind(order) : null;
      if (best != null) {
        best.enqueue(pending);
      } else {
        parked.add(pending);
      }
    }
  }

  /** Messages waiting for a bind of their route to come up. */
  public int parked() {
    return parked.size();
  }

  public List<BindStatus> status() {
    return binds.stream().map(SmppBind::status).toList();
  }

  /** Waits until every bind is bound; false when one is not within the timeout. */
  public boolean awaitBound(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    for (SmppBind bind : binds) {
      if (!bind.awaitBound(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops every bind at once (each lets its submits in flight finish within {@code grace}, then
   * unbinds); what was not sent fails as retryable {@code SHUTDOWN}.
   */
  public void stop(Duration grace) {
    running = false;
    List<Thread> stopping = binds.stream()
        .map(b -> Thread.ofVirtual().name("smpp-stop-" + b.name()).start(() -> b.stop(grace))).toList();
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    PendingSubmit left;
    while ((left = parked.poll()) != null) {
      left.fail(new SmsException(SmsException.Kind.SHUTDOWN, "the SMS connector stopped"));
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}

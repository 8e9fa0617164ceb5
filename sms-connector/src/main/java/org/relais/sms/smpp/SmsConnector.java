package org.relais.sms.smpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.relais.sms.InboundPort;
import org.relais.sms.OutboundSms;
import org.relais.sms.SmsException;
import org.relais.sms.SubmitResult;

/** The connector's face to gateway-core: its binds, one submit, their status. */
public final class SmsConnector implements AutoCloseable {

  private final List<SmppBind> binds;

  public SmsConnector(List<BindConfig> configs, InboundPort inbound) {
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("at least one bind is needed");
    }
    List<SmppBind> list = new ArrayList<>(configs.size());
    for (BindConfig config : configs) {
      list.add(new SmppBind(config, inbound));
    }
    this.binds = List.copyOf(list);
  }

  public void start() {
    binds.forEach(SmppBind::start);
  }

  /** Sends through the first bound bind, or queues on the first bind until it binds. */
  public CompletableFuture<SubmitResult> submit(OutboundSms sms) {
    for (SmppBind bind : binds) {
      if (bind.state() == BindState.BOUND) {
        return bind.submit(sms);
      }
    }
    return binds.getFirst().submit(sms);
  }

  /** The parts a text takes on the first bind; for the API's answer before anything is sent. */
  public int partsFor(String text, boolean transliterate) {
    try {
      return binds.getFirst().partsFor(text, transliterate);
    } catch (SmsException e) {
      return 0;
    }
  }

  public List<BindStatus> status() {
    return binds.stream().map(SmppBind::status).toList();
  }

  public boolean awaitBound(Duration timeout) throws InterruptedException {
    for (SmppBind bind : binds) {
      if (!bind.awaitBound(timeout)) {
        return false;
      }
    }
    return true;
  }

  public void stop(Duration grace) {
    binds.forEach(b -> b.stop(grace));
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}

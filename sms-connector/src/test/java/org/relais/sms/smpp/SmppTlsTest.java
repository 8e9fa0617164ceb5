package org.relais.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.sms.OutboundSms;
import org.relais.sms.SubmitResult;
import org.relais.sms.tls.SelfSignedPair;

/** SMPP over TLS against a cloudhopper SMSC whose self-signed certificate is made in the test. */
@Timeout(30)
class SmppTlsTest {

  @TempDir
  Path dir;
  private TestSmsc smsc;
  private SmppBind bind;

  @AfterEach
  void stop() {
    if (bind != null) {
      bind.stop(Duration.ofSeconds(2));
    }
    if (smsc != null) {
      smsc.close();
    }
  }

  @Test
  void shouldBindAndSubmitOverTlsWhenTheCertificateIsTrusted() throws Exception {
    SelfSignedPair pair = SelfSignedPair.create(dir);
    smsc = TestSmsc.start(pair);
    bind = new SmppBind(BindConfig.builder("tls", "127.0.0.1", smsc.port(), "relais").password("secret")
        .tls(true).tlsTrust(pair.certPem().toString()).sourceAddr("1234").build(), new RecordingPort());
    bind.start();
    assertThat(bind.awaitBound(Duration.ofSeconds(10))).isTrue();

    SubmitResult result = bind.submit(OutboundSms.builder("m1", "+21620123456", "Bonjour").build())
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(result.smscMessageIds()).hasSize(1);
    assertThat(smsc.awaitTexts(1, 10_000).getFirst().text()).isEqualTo("Bonjour");
  }

  @Test
  void shouldRefuseToBindWhenTheCertificateIsNotTrusted() throws Exception {
    smsc = TestSmsc.start(SelfSignedPair.create(dir));
    bind = new SmppBind(BindConfig.builder("tls", "127.0.0.1", smsc.port(), "relais").password("secret")
        .tls(true).reconnect(Duration.ofMillis(100), Duration.ofSeconds(1)).build(), new RecordingPort());
    bind.start();

    assertThat(bind.awaitBound(Duration.ofSeconds(2))).isFalse();
    assertThat(bind.status().sessions().getFirst().lastFailure()).containsIgnoringCase("certification path");
    assertThat(smsc.submits()).isEmpty();
  }

  @Test
  void shouldNotSpeakPlainSmppToATlsSmsc() throws Exception {
    SelfSignedPair pair = SelfSignedPair.create(dir);
    smsc = TestSmsc.start(pair);
    bind = new SmppBind(BindConfig.builder("plain", "127.0.0.1", smsc.port(), "relais").password("secret")
        .reconnect(Duration.ofMillis(100), Duration.ofSeconds(1)).responseTimeout(Duration.ofSeconds(1)).build(), new RecordingPort());
    bind.start();

    assertThat(bind.awaitBound(Duration.ofSeconds(3))).isFalse();
    assertThat(smsc.bindRequests()).isEmpty();
  }
}

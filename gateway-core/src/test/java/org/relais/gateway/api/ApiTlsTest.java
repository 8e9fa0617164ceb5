package org.relais.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.relais.gateway.TestGateway;
import org.relais.gateway.config.ConfigException;
import org.relais.gateway.config.ConfigLoader;
import org.relais.sms.tls.SelfSignedPair;

/** The HTTP API over TLS with a certificate made in the test. */
@Timeout(60)
class ApiTlsTest {

  @TempDir
  Path dir;

  @Test
  void shouldServeTheApiOverHttpsOnlyWhenACertificateIsConfigured() throws Exception {
    SelfSignedPair pair = SelfSignedPair.create(dir);
    try (TestGateway relais = TestGateway.start(dir, Map.of("RELAIS_HTTP_TLS_CERT", pair.certPem().toString(),
        "RELAIS_HTTP_TLS_KEY", pair.keyPem().toString()))) {
      int port = relais.gateway.httpPort();
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(pair)).connectTimeout(Duration.ofSeconds(5))
          .build();
      HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
          + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> sent = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
              + "/api/v1/messages")).header("Authorization", "Bearer " + TestGateway.SENDER)
          .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+21620123456\",\"text\":\"chiffré\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(sent.statusCode()).isEqualTo(202);

      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
          .as("no plain HTTP on a TLS port").isInstanceOf(IOException.class);
      HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
          + "/health")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void shouldStopTheStartWhenOnlyHalfThePairIsGivenOrAFileIsMissing() throws Exception {
    SelfSignedPair pair = SelfSignedPair.create(dir);
    assertThatThrownBy(() -> ConfigLoader.embedded(Map.of("RELAIS_HTTP_TLS_CERT", pair.certPem().toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls_key");
    assertThatThrownBy(() -> ConfigLoader.embedded(Map.of("RELAIS_HTTP_TLS_CERT", pair.certPem().toString(),
        "RELAIS_HTTP_TLS_KEY", dir.resolve("missing.key").toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls_key").hasMessageContaining("readable PEM");
  }

  private static SSLContext trusting(SelfSignedPair pair) throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("relais", pair.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}

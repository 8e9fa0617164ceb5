package org.relais.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTTP API listener; with {@code tlsCert} and {@code tlsKey} (PEM files) it speaks HTTPS only.
 */
public record HttpConfig(String host, Integer port, Integer maxBodyKb, String tlsCert, String tlsKey) {

  public HttpConfig {
    host = Settings.host("http.host", host, "127.0.0.1");
    port = Settings.range("http.port", port, 8080, 0, 65535);
    maxBodyKb = Settings.range("http.max_body_kb", maxBodyKb, 1024, 1, 102_400);
    tlsCert = Settings.text(tlsCert, "");
    tlsKey = Settings.text(tlsKey, "");
    if (tlsCert.isEmpty() != tlsKey.isEmpty()) {
      String missing = tlsCert.isEmpty() ? "http.tls_cert" : "http.tls_key";
      throw new ConfigException(missing, "", "a PEM file, since the other of http.tls_cert and http.tls_key is set");
    }
    readable("http.tls_cert", tlsCert);
    readable("http.tls_key", tlsKey);
  }

  /** True when the API is served over TLS. */
  public boolean tls() {
    return !tlsCert.isEmpty();
  }

  private static void readable(String key, String file) {
    if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
      throw new ConfigException(key, file, "a readable PEM file");
    }
  }
}

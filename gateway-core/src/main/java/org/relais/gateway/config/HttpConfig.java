package org.relais.gateway.config;

/** The HTTP API listener. */
public record HttpConfig(String host, Integer port, Integer maxBodyKb) {

  public HttpConfig {
    host = Settings.host("http.host", host, "127.0.0.1");
    port = Settings.range("http.port", port, 8080, 0, 65535);
    maxBodyKb = Settings.range("http.max_body_kb", maxBodyKb, 1024, 1, 102_400);
  }
}

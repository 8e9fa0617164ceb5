package org.relais.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * The core case system: its contract ({@code relais-json} or {@code open311}), base URL, API key,
 * request timeout, the hand-off's retries (exponential backoff between {@code initial_backoff} and
 * {@code max_backoff}, dead letter after {@code max_attempts}), and for Open311 the jurisdiction,
 * the service_code of cases without a category, and how often status updates are polled.
 */
public record CoreConfig(
    String protocol, String baseUrl, String apiKey, Duration timeout, Integer maxAttempts, Duration initialBackoff,
    Duration maxBackoff, String jurisdictionId, String defaultServiceCode, Duration pollInterval) {

  public CoreConfig {
    protocol = Settings.oneOf("core.protocol", protocol, "relais-json", List.of("relais-json", "open311"));
    baseUrl = Settings.text(baseUrl, "http://127.0.0.1:8081/core");
    try {
      URI uri = new URI(baseUrl);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new URISyntaxException(baseUrl, "not http(s)");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("core.base_url", baseUrl, "an http:// or https:// URL");
    }
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    apiKey = Settings.text(apiKey, "");
    timeout = Settings.between("core.timeout", timeout, Duration.ofSeconds(10), Duration.ofMillis(100),
        Duration.ofMinutes(5));
    maxAttempts = Settings.range("core.max_attempts", maxAttempts, 40, 1, 10_000);
    initialBackoff = Settings.between("core.initial_backoff", initialBackoff, Duration.ofSeconds(2),
        Duration.ofMillis(10), Duration.ofHours(1));
    maxBackoff = Settings.between("core.max_backoff", maxBackoff, Duration.ofMinutes(5), initialBackoff,
        Duration.ofDays(1));
    jurisdictionId = Settings.text(jurisdictionId, "");
    defaultServiceCode = Settings.text(defaultServiceCode, "");
    pollInterval = Settings.between("core.poll_interval", pollInterval, Duration.ofMinutes(1), Duration.ofMillis(100),
        Duration.ofHours(1));
  }

  public boolean isOpen311() {
    return protocol.equals("open311");
  }

  public URI uri() {
    return URI.create(baseUrl);
  }

  @Override
  public String toString() {
    return "CoreConfig[protocol=%s, base_url=%s, api_key=%s]".formatted(protocol, baseUrl, apiKey.isEmpty() ? "" : "****");
  }
}

package org.relais.gateway.config;

/**
 * API access: bearer tokens and their roles ({@code token:role[+role],...}), and the rate each
 * token may call at (a bucket of {@code rateBurst} requests refilled at {@code ratePerSecond}; 0
 * turns the limit off).
 */
public record ApiConfig(String tokens, Integer ratePerSecond, Integer rateBurst) {

  public ApiConfig {
    tokens = tokens == null ? "" : tokens.trim();
    ApiTokens.parse("api.tokens", tokens);
    ratePerSecond = Settings.range("api.rate_per_second", ratePerSecond, 500, 0, 1_000_000);
    rateBurst = Settings.range("api.rate_burst", rateBurst, 1000, 1, 1_000_000);
  }

  public ApiTokens parsedTokens() {
    return ApiTokens.parse("api.tokens", tokens);
  }

  /** True when each token's requests are limited. */
  public boolean rateLimited() {
    return ratePerSecond > 0;
  }

  @Override
  public String toString() {
    return "ApiConfig[" + parsedTokens() + ", rate_per_second=" + ratePerSecond + ", rate_burst=" + rateBurst + "]";
  }
}

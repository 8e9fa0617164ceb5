package org.relais.gateway.config;

/** API access: bearer tokens and their roles ({@code token:role[+role],...}). */
public record ApiConfig(String tokens) {

  public ApiConfig {
    tokens = tokens == null ? "" : tokens.trim();
    ApiTokens.parse("api.tokens", tokens);
  }

  public ApiTokens parsedTokens() {
    return ApiTokens.parse("api.tokens", tokens);
  }

  @Override
  public String toString() {
    return "ApiConfig[" + parsedTokens() + "]";
  }
}

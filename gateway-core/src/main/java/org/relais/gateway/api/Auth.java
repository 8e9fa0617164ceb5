package org.relais.gateway.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.relais.gateway.config.ApiConfig;
import org.relais.gateway.config.ApiTokens;
import org.relais.gateway.config.Role;

/**
 * Bearer-token checks: 401 without a known token, 403 when its roles do not allow the route, 429
 * (with {@code Retry-After}) when the token called faster than its rate.
 */
final class Auth {

  private static final String TOKEN = "relais.token";

  private final ApiTokens tokens;
  private final RateLimiter limiter;

  /** The checks of {@code api}'s tokens, with its rate limit when it has one. */
  static Auth of(ApiConfig api) {
    return new Auth(api.parsedTokens(),
        api.rateLimited() ? new RateLimiter(api.ratePerSecond(), api.rateBurst(), System::nanoTime) : null);
  }

  /** @param limiter null when requests are not limited */
  Auth(ApiTokens tokens, RateLimiter limiter) {
    this.tokens = tokens;
    this.limiter = limiter;
  }

  /** Lets through a token with any of {@code roles} (admin always passes). */
  Handler<RoutingContext> require(Role... roles) {
    Set<Role> allowed = roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.of(Role.ADMIN, roles);
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
      ApiTokens.Caller caller = tokens.find(token).orElse(null);
      if (caller == null) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"relais\"");
        ctx.fail(new ApiError(401, "unauthorized", token == null ? "a bearer token is needed" : "unknown token", null));
        return;
      }
      if (caller.roles().stream().noneMatch(allowed::contains)) {
        ctx.fail(new ApiError(403, "forbidden", "this token's roles do not allow this request", null));
        return;
      }
      Duration wait = limiter == null ? Duration.ZERO : limiter.take(caller.label());
      if (!wait.isZero()) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", String.valueOf(seconds));
        ctx.fail(new ApiError(429, "rate_limited", "too many requests for this token; retry after " + seconds + " s",
            null));
        return;
      }
      ctx.put("roles", caller.roles());
      ctx.put(TOKEN, token);
      ctx.next();
    };
  }

  /** The bearer token {@link #require} let through for this request. */
  static String token(RoutingContext ctx) {
    return ctx.get(TOKEN);
  }
}

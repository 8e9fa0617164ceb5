package org.relais.gateway.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;
import org.relais.gateway.config.ApiTokens;
import org.relais.gateway.config.Role;

/** Bearer-token checks: 401 without a known token, 403 when its roles do not allow the route. */
final class Auth {

  private final ApiTokens tokens;

  Auth(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /** Lets through a token with any of {@code roles} (admin always passes). */
  Handler<RoutingContext> require(Role... roles) {
    Set<Role> allowed = roles.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.of(Role.ADMIN, roles);
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
      Set<Role> held = tokens.rolesOf(token).orElse(null);
      if (held == null) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"relais\"");
        ctx.fail(new ApiError(401, "unauthorized", token == null ? "a bearer token is needed" : "unknown token", null));
        return;
      }
      if (held.stream().noneMatch(allowed::contains)) {
        ctx.fail(new ApiError(403, "forbidden", "this token's roles do not allow this request", null));
        return;
      }
      ctx.put("roles", held);
      ctx.next();
    };
  }
}

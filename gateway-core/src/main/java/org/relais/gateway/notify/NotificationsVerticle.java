package org.relais.gateway.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import org.relais.gateway.Services;

/** Hosts notifications on a context of their own: the release passes and quiet hours run there. */
public final class NotificationsVerticle extends VerticleBase {

  private final Services services;
  private final NotificationTemplates templates;
  private final Clock clock;
  private Notifications notifications;

  public NotificationsVerticle(Services services, NotificationTemplates templates, Clock clock) {
    this.services = services;
    this.templates = templates;
    this.clock = clock;
  }

  public Notifications notifications() {
    return notifications;
  }

  @Override
  public Future<?> start() {
    return Notifications.start(vertx, services.config(), templates, services.store(), services.sms(),
        services.connector(), services.optOuts(), clock, services.metrics()).onSuccess(n -> notifications = n);
  }

  @Override
  public Future<?> stop() {
    return notifications == null ? Future.succeededFuture() : notifications.stop();
  }
}

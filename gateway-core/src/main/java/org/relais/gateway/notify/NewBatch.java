package org.relais.gateway.notify;

import java.time.Instant;
import org.relais.sms.Priority;

/**
 * What a batch is asked to be before its recipients are read: its kind of notification, the
 * language of recipients who name none, its lane, when to start, the caller's idempotency key and
 * a name for people.
 */
public record NewBatch(String template, String category, String language, Priority priority, Instant scheduleAt,
    String idempotencyKey, String name) {}

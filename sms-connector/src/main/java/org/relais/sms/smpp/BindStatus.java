package org.relais.sms.smpp;

/** What a bind reports to /health and /metrics. */
public record BindStatus(
    String name, BindState state, int windowInUse, int windowSize, int queued, long submitted, long throttled,
    long failed, long received, long receipts) {}

package org.relais.gateway.telephony.callback;

/** A callback to register; {@code sourceRef} (the call it came from) makes registering idempotent. */
public record NewCallback(
    String msisdn, String language, String queue, String topic, String hours, String flow, String sourceRef) {}

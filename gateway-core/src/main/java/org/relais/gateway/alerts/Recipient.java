package org.relais.gateway.alerts;

import org.relais.gateway.subscribers.Channel;

/** Someone an alert reaches on one channel, in one language; {@code text} and {@code parts} are the SMS's (voice: null, 0). */
public record Recipient(String msisdn, Channel channel, String language, String text, int parts) {}

package org.relais.gateway.twoway;

import org.relais.gateway.sms.InboundMessage;

/** A text being handled: the message, the language the reply goes in, and the words after the keyword. */
public record TextContext(InboundMessage message, String language, String rest) {}

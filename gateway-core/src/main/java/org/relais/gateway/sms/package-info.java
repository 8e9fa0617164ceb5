/**
 * SMS in gateway-core: the durable outbound queue and its dispatch to the SMS connector, the
 * commit of inbound texts and receipts (the connector's {@link org.relais.sms.InboundPort}), and
 * the keyword router that turns a citizen's text into a complaint or a reply.
 */
package org.relais.gateway.sms;

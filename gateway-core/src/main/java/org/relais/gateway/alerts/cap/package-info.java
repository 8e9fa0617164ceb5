/**
 * Common Alerting Protocol 1.2 (OASIS, 2010): the message as records, read from its XML form
 * (namespace {@code urn:oasis:names:tc:emergency:cap:1.2}, parsed without DOCTYPE or external
 * entities) or from the same structure in JSON, and checked against the specification, each fault
 * naming the element's path.
 */
package org.relais.gateway.alerts.cap;

/** What Relais remembers of a citizen's number: language, opt-out, alert zones, place, channels and consents. */
package org.relais.gateway.subscribers;

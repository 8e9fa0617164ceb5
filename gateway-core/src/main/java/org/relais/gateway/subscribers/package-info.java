/** What Relais remembers of a citizen's number: the language they chose. */
package org.relais.gateway.subscribers;

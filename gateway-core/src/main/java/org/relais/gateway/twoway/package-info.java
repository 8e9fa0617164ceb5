/**
 * Two-way SMS: what a citizen's text asks for (a keyword per intent and language) and what Relais
 * does with it: open a case and acknowledge it, or answer with help.
 */
package org.relais.gateway.twoway;

/**
 * A FastAGI server (Asterisk Gateway Interface over TCP, as Asterisk 23 speaks it; see
 * ../shared/fixtures/asterisk/) on a Vert.x NetServer: one small state machine per call, no thread
 * per call. Commands are built with Asterisk-Java's command classes and their escaping.
 */
package org.relais.gateway.telephony.agi;

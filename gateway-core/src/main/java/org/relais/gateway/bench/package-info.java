/**
 * Benchmarks run from the command line; each prints its figures and what it ran on (tests never
 * assert times). {@code ./relais bench agi}: a load generator that speaks Asterisk's side of
 * FastAGI, and the servers it measures, each in a JVM of its own: Relais's FastAGI server running
 * the hotline, and Asterisk-Java's DefaultAgiServer running an equivalent script.
 * {@code ./relais bench sms}: messages through the whole SMS path (API, store, window, receipts)
 * against the SMSC simulator, beside a bare jSMPP client with the same window as the ceiling.
 */
package org.relais.gateway.bench;

/**
 * Benchmarks ({@code ./relais bench agi}): a load generator that speaks Asterisk's side of FastAGI,
 * and the servers it measures, each in a JVM of its own: Relais's FastAGI server running the
 * hotline, and Asterisk-Java's DefaultAgiServer running an equivalent script.
 */
package org.relais.gateway.bench;

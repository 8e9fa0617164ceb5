/**
 * The pretend outside world of {@code ./relais demo}: an SMSC simulator, a core-system stub keeping
 * cases in memory (relais-json contract), and the terminal consoles that play a citizen's phone
 * ({@code ./relais sms}) and Asterisk's side of a call ({@code ./relais call}).
 */
package org.relais.gateway.demo;

/**
 * An Asterisk Manager Interface client on a Vert.x NetClient: packets of {@code Key: Value} lines
 * ended by a blank line ({@code \r\n}), actions matched to their responses by our own ActionID,
 * list actions collected up to their {@code …Complete} event, Originate outcomes mapped from the
 * {@code OriginateResponse} event. One connection, logged in, pinged, and made again with a
 * doubling backoff when it drops. Tested on captures of a real Asterisk 23
 * (src/test/resources/telephony/asterisk/ami-*.txt).
 */
package org.relais.gateway.telephony.ami;

/**
 * SMPP 3.4 binds on jSMPP: connection and bind, reconnect, the submit window, and the reading of
 * deliver_sm. jSMPP's beans stop here; the rest of Relais sees the records of {@code org.relais.sms}.
 */
package org.relais.sms.smpp;

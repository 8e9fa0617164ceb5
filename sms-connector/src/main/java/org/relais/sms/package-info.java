/**
 * The SMS connector: an SMPP 3.4 ESME built on jSMPP.
 *
 * <p>It knows nothing of cases, flows or HTTP. gateway-core hands it {@link org.relais.sms.OutboundSms}
 * records and implements the {@link org.relais.sms.InboundPort} through which inbound texts and
 * delivery receipts are committed before the SMSC is answered.
 */
package org.relais.sms;

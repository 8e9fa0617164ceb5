/** Telephony: the FastAGI server that runs IVR flows for Asterisk, and (later) the AMI client. */
package org.relais.gateway.telephony;

/**
 * Callback requests: registered by flows (a caller who would rather be called back than wait),
 * dialled through the AMI when their service is open and their queue has a free agent, retried,
 * and their outcome recorded.
 */
package org.relais.gateway.telephony.callback;

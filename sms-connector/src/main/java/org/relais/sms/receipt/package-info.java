/**
 * Delivery receipts (SMPP 3.4 section 2.11, appendix B): the receipted_message_id and
 * message_state TLVs, the text form {@code id: sub: dlvrd: submit date: done date: stat: err:},
 * the one table from SMSC states to Relais's states, and the normalisation of SMSC message ids.
 */
package org.relais.sms.receipt;

/**
 * Text encodings of SMS: the GSM 03.38 default alphabet (3GPP TS 23.038) with its extension table,
 * UCS2 (UTF-16BE), the other SMPP 3.4 data_coding values, and the split of long texts into
 * concatenated segments (3GPP TS 23.040 user data headers, SMPP SAR TLVs or message_payload).
 */
package org.relais.sms.encoding;

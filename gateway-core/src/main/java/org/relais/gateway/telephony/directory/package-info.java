/** Customer accounts and suppliers' invoices, as the IVR's look-ups read them. */
package org.relais.gateway.telephony.directory;

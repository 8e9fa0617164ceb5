/**
 * An SMSC simulator for the demo and the benchmarks: an SMPP 3.4 server on jSMPP that accepts
 * binds, records the messages submitted to it (reassembling concatenated ones), returns delivery
 * receipts, and delivers texts from pretend citizens.
 */
package org.relais.sms.simulator;

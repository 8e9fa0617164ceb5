/**
 * CAP alerts: who an alert reaches (subscribers whose place is inside a polygon or circle, or who
 * subscribed to a zone named by a geocode), the text each gets in their language, the durable
 * per-recipient fan-out by SMS (ALERT lane) and by automated call (AMI Originate into a dialplan
 * that runs the alert's AGI script), progress, Update and Cancel, and resumption after a restart.
 */
package org.relais.gateway.alerts;

/**
 * Notifications sent in numbers: batches of bills and reminders read as they stream and released
 * to the outbound queue in chunks, the templates they are written with, quiet hours per category,
 * and the unusual-consumption alert.
 */
package org.relais.gateway.notify;

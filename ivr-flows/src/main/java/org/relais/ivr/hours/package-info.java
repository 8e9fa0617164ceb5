/**
 * Opening hours per service: weekly ranges in a timezone and a holiday calendar, read from the
 * configuration; the flow's {@code hours} node and the callback scheduler ask them whether a
 * service is open.
 */
package org.relais.ivr.hours;

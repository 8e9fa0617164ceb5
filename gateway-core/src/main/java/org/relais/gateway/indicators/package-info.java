/**
 * Indicators for elected officials: cases by channel, category and status, how fast citizens are
 * acknowledged and answered, how often the announced delay is kept, and how IVR calls end; served
 * by {@code GET /api/v1/indicators} and as Prometheus gauges over the last 30 days.
 */
package org.relais.gateway.indicators;

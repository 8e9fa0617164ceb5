/** Metrics in the Prometheus text exposition format (version 0.0.4), served at {@code /metrics}. */
package org.relais.gateway.metrics;

package org.relais.gateway.notify;

/**
 * A customer's consumption for a period beside the same period of last year, as the billing
 * system reports it; {@code unit} (m³, kWh) and {@code language} are optional.
 */
public record ConsumptionReading(String account, String period, String msisdn, double current, double lastYear,
    String unit, String language) {}

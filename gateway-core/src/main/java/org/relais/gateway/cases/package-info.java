/**
 * Citizen cases: tracking numbers with a Verhoeff check digit, the record of each case and its
 * hand-off state, and the service that creates a case and acknowledges it to the citizen.
 */
package org.relais.gateway.cases;

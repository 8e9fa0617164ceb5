/**
 * Relais, the gateway between citizens and their administration: the command line
 * ({@link org.relais.gateway.Main}) and the wiring of the parts ({@link org.relais.gateway.Gateway}).
 */
package org.relais.gateway;

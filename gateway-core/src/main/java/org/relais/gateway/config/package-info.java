/**
 * Configuration: {@code relais.yaml} bound with Jackson to validated records, every key
 * overridable by a {@code RELAIS_<SECTION>_<KEY>} environment variable. A value that cannot work
 * stops the start with one line naming the key, the value and what is expected.
 */
package org.relais.gateway.config;

/**
 * The embedded store: one SQLite file in WAL mode, schema migrations run at start, one writer
 * thread that commits in groups, and reader connections for queries. Each capability defines the
 * store port it needs ({@code MessageStore}, {@code CaseStore}, ...); this package implements them,
 * so a PostgreSQL implementation can follow without touching the callers.
 */
package org.relais.gateway.store;

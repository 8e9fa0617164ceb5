/**
 * The HTTP API v1 (JSON, bearer tokens with roles admin, sender and core), {@code /health} and
 * {@code /metrics}. Every error has one shape: {@code {"error": {"code", "message", "field"?}}}.
 */
package org.relais.gateway.api;

/**
 * The IVR flow language: flows are YAML data ({@code config/flows/*.yaml}), read into sealed node
 * records and validated at load, and prompts are keys resolved per language to an Asterisk sound
 * or a text. See docs/ARCHITECTURE.md for the language.
 */
package org.relais.ivr.flow;

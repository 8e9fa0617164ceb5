/**
 * The texts Relais sends to citizens, per language, from {@code templates/sms.yaml}: placeholders
 * ({@code {tracking}}), plural forms by CLDR category, and announced delays in words.
 */
package org.relais.gateway.templates;

/**
 * The console service's Spring Security chain: its probes open, every other path behind a console user (a browser
 * session signed in at {@code /login}, HTTP Basic for API clients, or the identity a trusted OIDC proxy vouches for),
 * GET for viewers and every change for operators.
 */
package io.tradewind.opsconsole.access.spring;

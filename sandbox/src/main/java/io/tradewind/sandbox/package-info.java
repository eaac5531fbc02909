/**
 * The composition root for local runs: starts both emulated regions and every Tradewind service in one process, with
 * each service configured for its region exactly as it would be on AWS, only with emulator endpoints.
 */
package io.tradewind.sandbox;

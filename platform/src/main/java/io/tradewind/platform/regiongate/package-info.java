/**
 * The region gate: each stage follows its app's routing control, read through the ARC cluster's data-plane endpoints
 * one after another. When no endpoint answers, the gate keeps the last state it knew (fail static), so an ARC outage
 * never switches a healthy region off.
 */
package io.tradewind.platform.regiongate;

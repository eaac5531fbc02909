/**
 * Set-based SQL on PostgreSQL: a batch's keys and rows bound as arrays, so a query or a write costs one statement
 * whatever the batch's size; and the bounds on every wait for PostgreSQL, shared by every client.
 */
package io.tradewind.platform.sql;

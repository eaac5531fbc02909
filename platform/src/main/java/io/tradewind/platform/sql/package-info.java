/**
 * Set-based SQL on PostgreSQL: a batch's keys and rows bound as arrays, so a query or a write costs one statement
 * whatever the batch's size.
 */
package io.tradewind.platform.sql;

/**
 * The apps' quarantine tables in each region's PostgreSQL (Aurora on AWS), in the schema named after the app as its
 * Flyway migrations create it: read for listings, and locked and updated when an entry is replayed.
 */
package io.tradewind.opsconsole.adapter.postgres;

/**
 * The rotation runbook: a plan per app as data (which steps, in which order, for a planned {@code rotate} or an
 * unplanned {@code failover}), the engine that executes plans step by step against narrow ports (routing controls, the
 * regions' services, queues, global databases, reconciliation, audit), and the record of each execution with its RTO.
 * Nothing here knows AWS, HTTP or JMS; the adapters do.
 */
package io.tradewind.opsconsole.runbook;

/**
 * The runbook's global databases on AWS: Aurora global clusters through the RDS API, their replication lag through
 * CloudWatch.
 */
package io.tradewind.opsconsole.adapter.rds;

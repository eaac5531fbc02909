/** Each app's global database (writer region, replication lag, switchover and failover) as the runbook drives it. */
package io.tradewind.opsconsole.adapter.globaldb;

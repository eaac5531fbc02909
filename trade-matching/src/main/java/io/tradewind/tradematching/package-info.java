/** Trade matching: inbound gateway, ingestion, matching, egress and outbound gateway for trades; configuration selects which stages a process runs. */
package io.tradewind.tradematching;

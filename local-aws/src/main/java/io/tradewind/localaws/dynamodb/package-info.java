/**
 * The per-region DynamoDB endpoint: dynalite, in memory, on the machine's Node, one process (and so one database) per
 * region, behind a front that adds what the sandbox needs of DynamoDB and dynalite lacks; and the replication of the
 * global tables between the regions, built on the writes the fronts log.
 */
package io.tradewind.localaws.dynamodb;

/**
 * The per-region DynamoDB endpoint: DynamoDB Local in this JVM, in memory, one server (and so one database) per region.
 */
package io.tradewind.localaws.dynamodb;

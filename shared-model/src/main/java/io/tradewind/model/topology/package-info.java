/**
 * Every name Tradewind's services and its infrastructure agree on, defined once: the apps, the MQ queues, the Kinesis
 * streams, the DynamoDB tables, the PostgreSQL schemas and the Route 53 ARC routing controls. Services, the sandbox,
 * the ops console and the infrastructure checks all read them from here, so a name is never spelled twice.
 */
package io.tradewind.model.topology;

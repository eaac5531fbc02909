/**
 * Two emulated AWS regions on one machine: per region an ActiveMQ broker, a kinesalite Kinesis endpoint, a dynalite
 * DynamoDB endpoint and PostgreSQL, plus one local Route 53 ARC cluster shared by both. {@link
 * io.tradewind.localaws.LocalAws} starts and stops them together; the sandbox and the integration tests use it, and
 * nothing in production does.
 */
package io.tradewind.localaws;

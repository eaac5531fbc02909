/**
 * What crosses a process boundary in Tradewind: value types, the v1 wire messages and their JSON codec. Depends on
 * Jackson only, so any service (or a counterparty's client) can use it without Spring or the AWS SDK.
 */
package io.tradewind.model;

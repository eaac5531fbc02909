/**
 * What every stage reports about itself through Micrometer: records in, out and rejected, how long a batch takes, and
 * how far behind its stream's tip it is. The dashboard reads these from each service's actuator endpoint.
 */
package io.tradewind.platform.metrics;

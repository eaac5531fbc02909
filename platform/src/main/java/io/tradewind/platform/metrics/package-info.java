/**
 * What every stage reports about itself through Micrometer: records in, out and rejected, how long a batch takes, how
 * far behind its stream's tip it is, and how long it has been attempting the batch in hand and why those attempts
 * failed; and the health those meters add up to. The dashboard reads these from each service's actuator endpoint.
 */
package io.tradewind.platform.metrics;

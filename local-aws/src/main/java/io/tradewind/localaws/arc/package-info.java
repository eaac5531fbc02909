/**
 * Local emulator of the Route 53 Application Recovery Controller (ARC) cluster data plane
 * ({@code ToggleCustomerAPI}, AWS JSON 1.0), so the unchanged AWS SDK v2
 * {@code Route53RecoveryClusterClient} can get, update and list routing control states in tests.
 *
 * <p>{@link io.tradewind.localaws.arc.RoutingControlCluster} holds the shared state and enforces
 * assertion safety rules; each {@link io.tradewind.localaws.arc.ArcClusterEndpoint} serves it on
 * its own loopback port, like the five regional endpoints of a real ARC cluster.
 */
package io.tradewind.localaws.arc;

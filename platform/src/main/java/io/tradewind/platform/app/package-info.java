/**
 * The app template: what every matching app runs the same way. An app names itself, its peer and its stages
 * ({@link io.tradewind.platform.app.MatchingApp}); {@link io.tradewind.platform.app.AppPipeline} builds the rest: its
 * AWS clients, sent-log and quarantine, the inbound gateways behind the inbound routing control, the stream stages
 * behind the processing control, and the outbound gateway to its own and its peer's broker.
 */
package io.tradewind.platform.app;

/**
 * Where the runbook's endpoints are (the sandbox's, by default) and how its adapters are wired to them: for the command
 * line and the drill ({@link io.tradewind.opsconsole.config.RunbookWiring}), and for the console as a service, whose
 * Spring configuration reads its topology and builds the sampler and the runbook's operations the API uses.
 */
package io.tradewind.opsconsole.config;

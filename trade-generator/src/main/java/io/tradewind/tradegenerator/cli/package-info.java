/**
 * The generator's command line: {@link io.tradewind.tradegenerator.cli.TradeGeneratorCommand} reads the rate, the
 * seed, the counterparties and where to post, optionally follows the {@code generator} routing control through the ARC
 * cluster endpoints, runs until the requested pairs are posted or Ctrl-C, and prints a summary.
 */
package io.tradewind.tradegenerator.cli;

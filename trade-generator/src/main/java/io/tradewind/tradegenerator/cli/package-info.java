/**
 * The participant-side command lines: {@link io.tradewind.tradegenerator.cli.TradeGeneratorCommand} reads the rate, the
 * seed, the counterparties and where to post, optionally follows the {@code generator} routing control through the ARC
 * cluster endpoints, runs until the requested pairs are posted or Ctrl-C, and prints a summary; its subcommand {@link
 * io.tradewind.tradegenerator.cli.PostCommand} ({@code ./tradewind post}) posts given messages as their participants
 * and prints the status reports that answer them.
 */
package io.tradewind.tradegenerator.cli;

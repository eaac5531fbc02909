/**
 * What the platform puts on log lines beyond the message: the id of the input being handled ({@link
 * io.tradewind.platform.logging.InputLogContext}), which structured logs on AWS carry as a field.
 */
package io.tradewind.platform.logging;

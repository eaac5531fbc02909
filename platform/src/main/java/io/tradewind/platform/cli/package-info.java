/**
 * What every Tradewind command line shares, so they agree: the sandbox's endpoints of a {@code --region}, {@code
 * --verbose}, secrets read from the environment or a file and never from an argument, and one line on standard error
 * with exit code 2 for a usage mistake or an endpoint that cannot be reached (the stack trace only with {@code
 * --verbose}).
 */
package io.tradewind.platform.cli;

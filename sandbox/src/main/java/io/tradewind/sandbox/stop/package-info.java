/**
 * How the sandbox jar's commands (the sandbox, the drill, the load test) stop: one ordered shutdown of named, bounded
 * steps (what uses the emulators first, then the emulators), run by the command's only JVM shutdown hook, and Ctrl-C
 * handled so that a second one halts the JVM at once.
 */
package io.tradewind.sandbox.stop;

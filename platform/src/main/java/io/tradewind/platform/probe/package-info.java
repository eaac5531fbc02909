/**
 * The container's health check: a command the image runs to ask its own service whether it is live or ready, since the
 * JRE base image promises no HTTP client (no curl). Plain Java, so it starts in a fraction of a second.
 */
package io.tradewind.platform.probe;

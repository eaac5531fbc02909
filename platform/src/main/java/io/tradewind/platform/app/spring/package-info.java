/**
 * The app template's Spring wiring, the one place in the platform that knows Spring: an app's configuration imports
 * {@link io.tradewind.platform.app.spring.MatchingAppConfiguration} and declares its
 * {@link io.tradewind.platform.app.MatchingApp}.
 */
package io.tradewind.platform.app.spring;

/** The JUnit 5 extension that gives integration tests one running {@link io.tradewind.localaws.LocalAws} per JVM. */
package io.tradewind.localaws.junit;

/**
 * The settings every Tradewind service reads, as plain records: apps bind them from their configuration (Spring's
 * {@code Binder}, prefix {@code tradewind}), so the same names work in the sandbox and in an ECS task definition.
 */
package io.tradewind.platform.config;

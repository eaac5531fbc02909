/**
 * Secrets Manager for the command line on AWS: it reads the console's users from the secret the console service
 * imports, so both check an operator against the same users.
 */
package io.tradewind.opsconsole.adapter.secretsmanager;

/**
 * Who may use the console: its users, each with a BCrypt hash of its password (never the password), and their roles
 * (VIEWER reads, OPERATOR also acts). The service's security chain ({@code access.spring}) and the command line's
 * sign-in both check the same users by the same rules, so the audit names an authenticated operator, never a flag.
 */
package io.tradewind.opsconsole.access;

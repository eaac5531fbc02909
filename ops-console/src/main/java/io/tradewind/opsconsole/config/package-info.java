/** Where the runbook's endpoints are (the sandbox's, by default) and how its adapters are wired to them. */
package io.tradewind.opsconsole.config;

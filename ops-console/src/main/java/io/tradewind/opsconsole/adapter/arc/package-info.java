/** Routing controls read and set through the ARC cluster's data-plane endpoints. */
package io.tradewind.opsconsole.adapter.arc;

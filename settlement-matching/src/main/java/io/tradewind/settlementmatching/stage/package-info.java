/** The five stages of settlement matching, one package each with the ports it needs; the gateways come from platform. */
package io.tradewind.settlementmatching.stage;

/** The trade generator: posts realistic trade pairs to trades.inbound at a controlled rate, switched by the generator routing control. */
package io.tradewind.tradegenerator;

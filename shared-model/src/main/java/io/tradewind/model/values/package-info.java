/**
 * Small values and checks both apps' domains share: invariant checks that name the broken field, the participant id,
 * and bounded partition keys.
 */
package io.tradewind.model.values;

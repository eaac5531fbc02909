/**
 * What each store we use answers when it refuses an input rather than fails: PostgreSQL's data-exception SQLStates,
 * AWS's validation errors. The dependency guard asks here, so that retry and circuit breaking stay free of any one
 * client library.
 */
package io.tradewind.platform.refusal;

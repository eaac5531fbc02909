package io.tradewind.platform.cli;

import java.util.List;

/**
 * A command that talks to endpoints: when it fails because one cannot be reached, refuses its login or lacks what the
 * sandbox creates (a table, a stream), {@link CommandLines} names which one, in one line, with exit code 2.
 */
public interface ReachesEndpoints {
    /** The endpoints the command reaches with its options as given. */
    List<Endpoint> endpoints();
}

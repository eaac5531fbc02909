package io.tradewind.platform.logging;

import org.slf4j.MDC;

/**
 * Puts the id of the one input a thread is handling (a trade's, an instruction's, a message's) on every log line the
 * thread writes meanwhile, as the MDC entry {@value #KEY}, and takes it off again on {@link #close()}; on AWS the JSON
 * log lines carry it as a field, so one search finds every line about that input. Opened and closed on one thread.
 */
public final class InputLogContext implements AutoCloseable {
    /** The MDC key, and the JSON field of a structured log line. */
    public static final String KEY = "recordId";

    private final String previous;

    private InputLogContext(String id) {
        this.previous = MDC.get(KEY);
        if (id == null) MDC.remove(KEY);
        else MDC.put(KEY, id);
    }

    /** Until {@link #close()}, the thread's log lines name {@code id} (none, if null). */
    public static InputLogContext of(String id) {
        return new InputLogContext(id);
    }

    /** Puts back what the thread's lines named before: an enclosing input's id, or nothing. */
    @Override
    public void close() {
        if (previous == null) MDC.remove(KEY);
        else MDC.put(KEY, previous);
    }
}

package io.tradewind.platform.app;

import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.Stage;
import java.util.List;
import java.util.function.Function;

/**
 * A stage that applies a batch of commands to its book in one transaction, then publishes the events the book decided:
 * matching in both apps. Publishing after the book is durable is what makes a replayed batch repeat, never lose, them.
 *
 * @param <C> the commands the stage consumes
 * @param <E> the events it publishes
 */
public abstract class BookStage<C, E> implements Stage<C> {
    private final Function<List<C>, List<? extends E>> book;
    private final Publisher<E> next;

    /**
     * @param book applies the commands in order, in one transaction, and returns every event they produced in order
     * @param next where the events go
     */
    protected BookStage(Function<List<C>, List<? extends E>> book, Publisher<E> next) {
        this.book = book;
        this.next = next;
    }

    @Override
    public final void process(List<C> batch) {
        List<? extends E> events = book.apply(batch); // durable before anything is published
        next.publishAll(events);
    }
}

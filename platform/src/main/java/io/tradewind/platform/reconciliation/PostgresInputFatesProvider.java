package io.tradewind.platform.reconciliation;

import io.tradewind.model.topology.App;
import io.tradewind.platform.sql.ConnectionSource;

/**
 * An app's {@link InputFatesProvider} over the tables every matching app keeps in its schema: the app names itself and
 * its event type, and gives its rules for the ids of the messages it sends ({@link PostgresInputFates.MessageIds}).
 *
 * @param <E> the app's matching event, stored as flow JSON in {@code match_event}
 */
public abstract class PostgresInputFatesProvider<E> implements InputFatesProvider, PostgresInputFates.MessageIds<E> {
    private final App app;
    private final Class<E> eventType;

    protected PostgresInputFatesProvider(App app, Class<E> eventType) {
        this.app = app;
        this.eventType = eventType;
    }

    @Override
    public final String app() {
        return app.id();
    }

    @Override
    public final InputFates over(ConnectionSource postgres) {
        return over(postgres, app.schema());
    }

    /** The fates read from the app's tables in another schema than its own, as a test migrates one of its own. */
    public final InputFates over(ConnectionSource postgres, String schema) {
        return new PostgresInputFates<>(postgres, schema, eventType, this);
    }
}

package io.tradewind.platform.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection to a region's PostgreSQL (the writer) for a tool that reads outside any app's pool, as
 * reconciliation does; the caller closes it.
 */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}

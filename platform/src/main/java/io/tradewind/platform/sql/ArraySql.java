package io.tradewind.platform.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Statements over one connection (the caller's open transaction) whose parameters are PostgreSQL arrays: a read of
 * every row whose key is in a set ({@code = ANY (?)}), a write of many rows from parallel arrays ({@code unnest(...)}).
 */
public final class ArraySql {
    private final Connection connection;

    public ArraySql(Connection connection) {
        this.connection = connection;
    }

    /** Reads each row of a row-returning statement. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql}, whose one parameter is {@code keys} as {@code text[]}; nothing when there are no keys. */
    public void query(String sql, Collection<String> keys, RowReader reader) throws SQLException {
        if (keys.isEmpty()) return;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) reader.read(rows);
            }
        }
    }

    /** Runs a write whose parameters are {@code arrays}, in order. */
    public void execute(String sql, Array... arrays) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) statement.setArray(i + 1, arrays[i]);
            statement.executeUpdate();
        }
    }

    /** One column of {@code items} as an array of the SQL {@code type}, e.g. {@code "text"} or {@code "integer"}. */
    public <T> Array array(String type, List<T> items, Function<T, Object> column) throws SQLException {
        Object[] values = new Object[items.size()];
        for (int i = 0; i < values.length; i++) values[i] = column.apply(items.get(i));
        return connection.createArrayOf(type, values);
    }
}

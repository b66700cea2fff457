package io.omnirouter.history.shared.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Small JDBC helpers shared by the stores. */
public final class JdbcValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };

    private JdbcValues() {
    }

    /** PostgreSQL's driver binds timestamptz from OffsetDateTime, not from Instant. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A text[] column as a list; empty for SQL NULL. */
    public static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A map of texts as a JSON object, for a jsonb column (bound as text, cast with {@code ?::jsonb}). */
    public static String jsonObject(Map<String, String> values) {
        return JSON.writeValueAsString(values);
    }

    /** A jsonb column holding a JSON object of texts as a map; empty for SQL NULL. */
    public static Map<String, String> textMap(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? Map.of() : JSON.readValue(json, TEXT_MAP);
    }

    /** {@code ?, ?, …}: {@code count} placeholders. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** One JDBC batch of all rows (with reWriteBatchedInserts, one multi-row statement); nothing for none. */
    public static <T> void batch(JdbcTemplate jdbc, String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows, rows.size(), setter);
        }
    }
}

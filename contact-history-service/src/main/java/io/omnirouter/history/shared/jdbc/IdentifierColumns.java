package io.omnirouter.history.shared.jdbc;

import io.omnirouter.identifiers.IdentifierType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The identifiers a contact carried, as columns of the table {@code contact}: one per {@link IdentifierType}, named
 * as the type in lower case ({@code phone}, {@code email}, {@code shop_customer_id}, {@code chat_visitor_id},
 * {@code social_handle}), each with a partial index for finding the contacts carrying an identifier
 * (contact-history-service/docs/identity-resolution-and-rebuild.md). The stores list them from here, so a new
 * identifier type needs its column and index in a migration, not a change of every query.
 */
public final class IdentifierColumns {

    /** Every type, in the order of its columns. */
    public static final List<IdentifierType> TYPES = List.of(IdentifierType.values());

    private IdentifierColumns() {
    }

    /** The column of {@code type}'s identifiers. */
    public static String of(IdentifierType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** The columns, comma-separated, each after {@code prefix} (a table alias with its dot, or nothing). */
    public static String list(String prefix) {
        return TYPES.stream().map(type -> prefix + of(type)).collect(Collectors.joining(", "));
    }

    /** {@code phone = ANY (?) OR email = ANY (?) OR …}: one array parameter per type, in the order of {@link #TYPES}. */
    public static String anyOfArrays() {
        return TYPES.stream().map(type -> of(type) + " = ANY (?)").collect(Collectors.joining(" OR "));
    }

    /** The identifiers of a row read with {@link #list}: those present, by type, in the order of {@link #TYPES}. */
    public static Map<IdentifierType, String> valuesIn(ResultSet rs) throws SQLException {
        Map<IdentifierType, String> values = new EnumMap<>(IdentifierType.class);
        for (IdentifierType type : TYPES) {
            String value = rs.getString(of(type));
            if (value != null) {
                values.put(type, value);
            }
        }
        return values;
    }
}

package io.omnirouter.history.customer.model;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.UUID;

/** Ids derived from what caused them, and the one order ids are compared in. */
public final class Uuids {

    /**
     * The order PostgreSQL sorts {@code uuid} values in (bytes, unsigned). {@link UUID#compareTo} compares
     * signed longs and would disagree with the database for ids whose first bit is set.
     */
    public static final Comparator<UUID> ORDER = (a, b) -> {
        int byHigh = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return byHigh != 0 ? byHigh : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private Uuids() {
    }

    /** A name-based (version 3) id: the same name always gives the same id, so a replay recreates it. */
    static UUID derived(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}

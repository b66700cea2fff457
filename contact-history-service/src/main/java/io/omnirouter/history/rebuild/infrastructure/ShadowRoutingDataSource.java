package io.omnirouter.history.rebuild.infrastructure;

import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The service's one DataSource: live connections, except on a thread that is rebuilding, which gets connections whose
 * search path puts the rebuild schema first. So the same code (stores, identity resolution, transactions) writes the
 * rebuilt projections into the shadow tables, while every other thread keeps reading and writing the live ones.
 * Spring's routing DataSource picks the pool; the thread's mark is set by {@link #inShadow}.
 */
final class ShadowRoutingDataSource extends AbstractRoutingDataSource {

    private static final String LIVE = "live";
    private static final String SHADOW = "shadow";

    private final ThreadLocal<Boolean> rebuilding = ThreadLocal.withInitial(() -> false);

    ShadowRoutingDataSource(DataSource live, DataSource shadow) {
        setTargetDataSources(Map.of(LIVE, live, SHADOW, shadow));
        setDefaultTargetDataSource(live);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    /** Runs {@code work} on this thread with the shadow's connections; transactions it starts use them. */
    <T> T inShadow(Supplier<T> work) {
        if (rebuilding.get()) {
            return work.get();
        }
        rebuilding.set(true);
        try {
            return work.get();
        } finally {
            rebuilding.remove();
        }
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return rebuilding.get() ? SHADOW : LIVE;
    }
}

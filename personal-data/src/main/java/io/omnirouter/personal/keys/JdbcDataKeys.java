package io.omnirouter.personal.keys;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * {@link DataKeys} in PostgreSQL table {@code personal.data_key} (created by {@code PersonalDataMigrations}), with
 * plain JDBC.
 *
 * <p>A stored keyset is Tink's binary keyset encrypted by the master key with the key id as associated data
 * ({@link AssociatedData}): without the master key the row is useless, and a row copied to another key id does not
 * unwrap. Nothing is cached: every call reads the table, so a shred on any instance takes effect on every instance
 * at once.
 *
 * <p>Each call uses one connection of the data source and commits its own writes (also when the pool hands out
 * connections outside auto-commit), so that keys are stored before the caller writes anything sealed under them.
 */
public final class JdbcDataKeys implements DataKeys {

    // RETURNING names the rows this statement inserted; a key id that conflicted already had a key (a re-send, or
    // another instance routing the same contact at the same moment: ON CONFLICT waits for its commit).
    private static final String INSERT = """
            INSERT INTO personal.data_key (key_id, keyset)
            SELECT new_key.key_id, new_key.keyset FROM unnest(?::uuid[], ?::bytea[]) AS new_key (key_id, keyset)
            ON CONFLICT (key_id) DO NOTHING
            RETURNING key_id""";
    private static final String SELECT = "SELECT key_id, keyset FROM personal.data_key WHERE key_id = ANY (?::uuid[])";
    private static final String DELETE = "DELETE FROM personal.data_key WHERE key_id = ANY (?::uuid[])";

    private final DataSource dataSource;
    private final Aead masterKey;

    /**
     * @param masterKey wraps and unwraps the stored keysets: {@link MasterKey#fromKeyset} or a KMS client's {@code Aead}
     */
    public JdbcDataKeys(DataSource dataSource, Aead masterKey) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
        TinkPrimitives.register();
    }

    @Override
    public Map<UUID, Aead> createOrFind(Collection<UUID> keyIds) {
        List<UUID> ids = distinct(keyIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        // A fresh key for every id, also for those that turn out to have one: one INSERT for the batch is cheaper
        // than asking first, and re-sends are rare.
        Map<UUID, KeysetHandle> fresh = new HashMap<>();
        byte[][] wrapped = new byte[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            KeysetHandle keyset = newDataKey();
            fresh.put(ids.get(i), keyset);
            wrapped[i] = wrap(ids.get(i), keyset);
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<UUID> inserted = insert(connection, ids, wrapped);
            Map<UUID, Aead> keys = new HashMap<>();
            List<UUID> existing = new ArrayList<>();
            for (UUID id : ids) {
                if (inserted.contains(id)) {
                    keys.put(id, aead(id, fresh.get(id)));
                } else {
                    existing.add(id);
                }
            }
            if (!existing.isEmpty()) {
                keys.putAll(read(connection, existing));
            }
            if (keys.size() != ids.size()) {
                // An existing key was shredded between the two statements: erasure raced with routing the contact.
                throw new DataKeyStoreException("A data key was shredded while it was being looked up; try again");
            }
            return Map.copyOf(keys);
        } catch (SQLException e) {
            throw new DataKeyStoreException("Creating or finding " + ids.size() + " data keys failed", e);
        }
    }

    @Override
    public Map<UUID, Aead> find(Collection<UUID> keyIds) {
        List<UUID> ids = distinct(keyIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return Map.copyOf(read(connection, ids));
        } catch (SQLException e) {
            throw new DataKeyStoreException("Finding " + ids.size() + " data keys failed", e);
        }
    }

    @Override
    public int shred(Collection<UUID> keyIds) {
        List<UUID> ids = distinct(keyIds);
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setArray(1, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
            int deleted = delete.executeUpdate();
            commitIfInTransaction(connection);
            return deleted;
        } catch (SQLException e) {
            throw new DataKeyStoreException("Shredding " + ids.size() + " data keys failed", e);
        }
    }

    private static Set<UUID> insert(Connection connection, List<UUID> ids, byte[][] wrapped) throws SQLException {
        Set<UUID> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
            insert.setArray(2, connection.createArrayOf("bytea", wrapped));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getObject(1, UUID.class));
                }
            }
        }
        commitIfInTransaction(connection);
        return inserted;
    }

    private Map<UUID, Aead> read(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, Aead> keys = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    keys.put(id, unwrap(id, rows.getBytes(2)));
                }
            }
        }
        commitIfInTransaction(connection);
        return keys;
    }

    /** Ends the transaction a non-auto-commit connection opened, so the next statement sees other commits. */
    private static void commitIfInTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static KeysetHandle newDataKey() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not generate a data key", e);
        }
    }

    private byte[] wrap(UUID keyId, KeysetHandle keyset) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey, AssociatedData.of(keyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master key could not wrap the data key " + keyId, e);
        }
    }

    private Aead unwrap(UUID keyId, byte[] wrapped) {
        try {
            return aead(keyId, TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterKey, AssociatedData.of(keyId)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored data key " + keyId + " does not unwrap with the master key: it"
                    + " was wrapped under another master key or for another key id, or the master key's KMS failed", e);
        }
    }

    private static Aead aead(UUID keyId, KeysetHandle keyset) {
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data key " + keyId + " is not an AEAD keyset", e);
        }
    }

    private static List<UUID> distinct(Collection<UUID> keyIds) {
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(keyIds));
        if (ids.contains(null)) {
            throw new IllegalArgumentException("A data key id must not be null");
        }
        return ids;
    }
}

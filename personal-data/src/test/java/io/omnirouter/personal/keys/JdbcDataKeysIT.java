package io.omnirouter.personal.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import io.omnirouter.personal.AtOnce;
import io.omnirouter.personal.PersonalDataMigrations;
import io.omnirouter.personal.seal.PersonalDataSeal;
import io.omnirouter.personal.seal.UnreadablePersonalData;
import io.omnirouter.testing.ByteSearch;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data keys in the real PostgreSQL 17. The harness empties schema public only: every test uses fresh key ids. */
@WithRealInfrastructure
class JdbcDataKeysIT {

    private static final String TOPIC = "contact.events";

    private static final byte[] NAME = "Ana Novak".getBytes(UTF_8);

    private final DataSource database = RealInfrastructure.dataSource();
    private final Aead masterKey = MasterKey.fromKeyset(MasterKey.newKeyset());
    private final JdbcDataKeys keys = new JdbcDataKeys(database, masterKey);
    private final PersonalDataSeal seal = new PersonalDataSeal();

    @BeforeEach
    void migrate() {
        PersonalDataMigrations.migrate(database);
    }

    @Test
    void newIdsGetNewKeysAndIdsThatHaveOneGetTheSameKeyAgain() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        Map<UUID, Aead> created = keys.createOrFind(List.of(first, second));
        byte[] sealedFirst = seal.seal(created.get(first), first, TOPIC, NAME);
        byte[] sealedSecond = seal.seal(created.get(second), second, TOPIC, NAME);

        Map<UUID, Aead> again = keys.createOrFind(List.of(third, first, second, first));

        assertThat(again).containsOnlyKeys(first, second, third);
        assertThat(seal.open(again.get(first), first, TOPIC, sealedFirst)).isEqualTo(NAME);
        assertThat(seal.open(again.get(second), second, TOPIC, sealedSecond)).isEqualTo(NAME);
        assertThat(storedKeyset(third)).isPresent();
    }

    /** Another instance, or the other service, with the same master key: the key is the database's, not the instance's. */
    @Test
    void anotherInstanceFindsTheKeysAndOpensWhatWasSealedUnderThem() {
        UUID contactId = UUID.randomUUID();
        byte[] sealed = seal.seal(keys.createOrFind(List.of(contactId)).get(contactId), contactId, TOPIC, NAME);

        Map<UUID, Aead> found = new JdbcDataKeys(database, masterKey).find(List.of(contactId));

        assertThat(seal.open(found.get(contactId), contactId, TOPIC, sealed)).isEqualTo(NAME);
    }

    @Test
    void findOmitsIdsWithoutAKey() {
        UUID contactId = UUID.randomUUID();
        UUID neverCreated = UUID.randomUUID();
        keys.createOrFind(List.of(contactId));

        assertThat(keys.find(List.of(contactId, neverCreated))).containsOnlyKeys(contactId);
        assertThat(keys.find(List.of(neverCreated))).isEmpty();
        assertThat(keys.find(List.of())).isEmpty();
    }

    @Test
    void aShreddedKeyIsGoneAndItsDataNeverOpensAgainWhileOtherKeysStillOpenTheirs() {
        UUID erased = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Map<UUID, Aead> created = keys.createOrFind(List.of(erased, kept));
        byte[] sealedErased = seal.seal(created.get(erased), erased, TOPIC, NAME);
        byte[] sealedKept = seal.seal(created.get(kept), kept, TOPIC, NAME);

        assertThat(keys.shred(List.of(erased, UUID.randomUUID()))).isOne();

        assertThat(keys.find(List.of(erased, kept))).containsOnlyKeys(kept);
        assertThat(storedKeyset(erased)).isEmpty();
        assertThat(seal.open(keys.find(List.of(kept)).get(kept), kept, TOPIC, sealedKept)).isEqualTo(NAME);
        assertThat(keys.shred(List.of(erased))).isZero();
        // A contact routed again after its erasure gets a new key: nothing sealed before opens under it.
        Aead recreated = keys.createOrFind(List.of(erased)).get(erased);
        assertThatThrownBy(() -> seal.open(recreated, erased, TOPIC, sealedErased)).isInstanceOf(UnreadablePersonalData.class);
    }

    @Test
    void theStoredKeysetIsEncryptedAndDoesNotContainTheKey() throws Exception {
        UUID contactId = UUID.randomUUID();
        Aead handedOut = keys.createOrFind(List.of(contactId)).get(contactId);
        byte[] stored = storedKeyset(contactId).orElseThrow();

        KeysetHandle unwrapped = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, masterKey, AssociatedData.of(contactId));
        byte[] rawKey = ((AesGcmKey) unwrapped.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());

        assertThat(rawKey).hasSize(32);
        assertThat(ByteSearch.indexOf(stored, rawKey, 0)).isEqualTo(-1);
        // And it is the key the store hands out.
        Aead fromRow = unwrapped.getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThat(seal.open(fromRow, contactId, TOPIC, seal.seal(handedOut, contactId, TOPIC, NAME))).isEqualTo(NAME);
    }

    @Test
    void aKeysetStoredUnderOneMasterKeyDoesNotUnwrapUnderAnother() {
        UUID contactId = UUID.randomUUID();
        keys.createOrFind(List.of(contactId));
        JdbcDataKeys underAnotherMasterKey = new JdbcDataKeys(database, MasterKey.fromKeyset(MasterKey.newKeyset()));

        assertThatThrownBy(() -> underAnotherMasterKey.find(List.of(contactId)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(contactId.toString())
                .hasMessageContaining("does not unwrap with the master key");
    }

    @Test
    void aKeysetCopiedToAnotherKeyIdDoesNotUnwrap() throws SQLException {
        UUID original = UUID.randomUUID();
        UUID target = UUID.randomUUID();
        keys.createOrFind(List.of(original, target));
        try (Connection connection = database.getConnection(); PreparedStatement copy = connection.prepareStatement(
                "UPDATE personal.data_key SET keyset = (SELECT keyset FROM personal.data_key WHERE key_id = ?) WHERE key_id = ?")) {
            copy.setObject(1, original);
            copy.setObject(2, target);
            assertThat(copy.executeUpdate()).isOne();
        }

        assertThatThrownBy(() -> keys.find(List.of(target))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(target.toString());
        assertThat(keys.find(List.of(original))).containsOnlyKeys(original);
    }

    /** Two router instances routing the same contacts at once (a rebalance): both must seal under the same keys. */
    @Test
    void twoInstancesCreatingTheSameKeysAtOnceGetTheSameKeys() throws Exception {
        List<UUID> contactIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            contactIds.add(UUID.randomUUID());
        }
        JdbcDataKeys otherInstance = new JdbcDataKeys(database, masterKey);

        List<Map<UUID, Aead>> both = AtOnce.run(() -> keys.createOrFind(contactIds),
                () -> otherInstance.createOrFind(contactIds));

        Map<UUID, Aead> mine = both.get(0);
        Map<UUID, Aead> theirs = both.get(1);
        for (UUID contactId : contactIds) {
            assertThat(seal.open(theirs.get(contactId), contactId, TOPIC, seal.seal(mine.get(contactId), contactId, TOPIC, NAME)))
                    .isEqualTo(NAME);
        }
    }

    private Optional<byte[]> storedKeyset(UUID keyId) {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT keyset FROM personal.data_key WHERE key_id = ?")) {
            select.setObject(1, keyId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

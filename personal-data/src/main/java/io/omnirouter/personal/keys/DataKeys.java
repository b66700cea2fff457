package io.omnirouter.personal.keys;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import com.google.crypto.tink.Aead;

/**
 * The data keys of personal data: one per data subject key id (a contact id, or an action id), each a Tink keyset
 * with one AES256_GCM key. Deleting a key ({@link #shred}) makes everything sealed under it unreadable everywhere,
 * because the key itself was never on the log.
 */
public interface DataKeys {

    /**
     * The keys of {@code keyIds}, creating the ones that do not exist yet. An id that already has a key gets that key,
     * so a re-sent event seals under the key its first sending used. Created keys are stored (committed) before this
     * returns: whatever is sealed under them can always be opened until they are shredded.
     *
     * @return a key for every id of {@code keyIds}
     */
    Map<UUID, Aead> createOrFind(Collection<UUID> keyIds);

    /**
     * The keys of {@code keyIds} that exist. An id without a key (shredded, or never created) is absent from the map.
     */
    Map<UUID, Aead> find(Collection<UUID> keyIds);

    /**
     * Deletes the keys of {@code keyIds}; ids without a key are ignored.
     *
     * @return how many keys were deleted
     */
    int shred(Collection<UUID> keyIds);
}

package io.omnirouter.history.followup.model;

import java.util.Collection;
import java.util.UUID;

/**
 * Which contacts a fold took in, as a digest that does not depend on their order: their number and the sum of a
 * 64-bit mix of each contact id. A checkpoint keeps the digest of the contacts it folded; a contact claimed later
 * that comes before the checkpoint was already folded into it if the customer's contacts up to the checkpoint still
 * give the same digest (docs/follow-up-determinism.md, "Continuing from a checkpoint").
 *
 * <p>Written here rather than taken from a library: a digest of a set that can be grown one element at a time (for a
 * continued fold) and compared with one computed from the store is a sum, and the mix is the finalizer of
 * MurmurHash3 (fmix64), a few lines. Not a secret and not a defence against forged ids, which the router derives
 * from the channel's event ids.
 *
 * @param count the contacts folded
 * @param sum   the sum, wrapping, of {@link #mix} of their ids
 */
public record FoldedContacts(long count, long sum) {

    public static final FoldedContacts NONE = new FoldedContacts(0, 0);

    public static FoldedContacts of(Collection<UUID> contactIds) {
        FoldedContacts folded = NONE;
        for (UUID id : contactIds) {
            folded = folded.plus(id);
        }
        return folded;
    }

    public FoldedContacts plus(UUID contactId) {
        return new FoldedContacts(count + 1, sum + mix(contactId));
    }

    static long mix(UUID id) {
        long h = id.getMostSignificantBits() * 0x9E3779B97F4A7C15L ^ id.getLeastSignificantBits();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe1a85a53L;
        h ^= h >>> 33;
        return h;
    }
}

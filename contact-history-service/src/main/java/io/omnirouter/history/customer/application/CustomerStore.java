package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.AttributedContact;
import io.omnirouter.history.customer.model.ContactFacts;
import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentifierState;
import io.omnirouter.history.customer.model.IdentityState;
import io.omnirouter.history.customer.model.Merge;
import io.omnirouter.history.customer.model.MergeLineage;
import io.omnirouter.history.customer.model.MergeSuppression;
import io.omnirouter.history.customer.model.SharingCleared;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where customers, their identifiers and merges are kept. Writes join the caller's transaction.
 *
 * <p>Locking protocol (every writer follows it, so no lost update and no duplicate customer):
 * <ol>
 *   <li>{@link #lockIdentifiers} the identifiers a transaction's contacts carry, in a global order: two
 *       transactions can then not both create a customer for the same new identifier;</li>
 *   <li>{@link #lockCustomers} the current owners of every identifier read, in a global order, before
 *       deciding anything: whoever changes a customer or an identifier it owns (attaching, marking shared,
 *       merging, re-deriving) holds that customer's lock, so what was read stays true until commit.</li>
 * </ol>
 */
public interface CustomerStore {

    /** Locks the identifiers until the current transaction ends (whether anybody owns them or not). */
    void lockIdentifiers(Collection<Identifier> identifiers);

    /** Locks the customers (those that exist) until the current transaction ends. */
    void lockCustomers(Collection<UUID> customerIds);

    /** The stored state of those of {@code identifiers} that somebody owns. */
    List<IdentifierState> identifierStates(Collection<Identifier> identifiers);

    /**
     * The customers, the customers merged into them and every identifier they own (no merges): what
     * identity resolution needs to continue from.
     */
    IdentityState heldBy(Collection<UUID> customerIds);

    /**
     * Those of {@code customerIds} that exist, the identifiers they own and the merges that merged one of
     * them: a component's state before it is re-derived.
     */
    IdentityState stateOf(Collection<UUID> customerIds);

    /** Undone merges that involve one of the customers. */
    List<MergeSuppression> suppressionsAmong(Collection<UUID> customerIds);

    /** Supervisors' clearings of any of the identifiers. */
    List<SharingCleared> clearingsOf(Collection<Identifier> identifiers);

    /** Stored contacts carrying any of the identifiers, with the customers that hold them. */
    List<AttributedContact> contactsCarrying(Collection<Identifier> identifiers);

    /**
     * Stores what a resolution created or changed: customers and identifiers (inserted or updated), new
     * merges, and the stored contacts of merged customers moved to the customers they were merged into.
     */
    void apply(IdentityState changes);

    /**
     * Replaces a component's state: {@code before} goes (what {@code after} does not hold any more),
     * {@code after} is stored, and stored contacts move to the customers given.
     */
    void replace(IdentityState before, IdentityState after, Map<UUID, UUID> customerByStoredContact);

    Optional<Customer> findByIdentifier(Identifier identifier);

    /**
     * The customer that answers for an id handed out: the customer itself, the one it was merged into, or
     * (for a customer that stopped existing because a late contact re-derived its component) the one now
     * holding the contact that had created it; empty if no customer ever had that id.
     */
    Optional<UUID> currentIdOf(UUID customerId);

    /**
     * Every id that answers with this customer now ({@link #currentIdOf}): its own, and those of the customers that
     * were created by contacts it holds (merged into it, or re-derived away). Things kept by customer id elsewhere
     * (notes) find their customer by it.
     */
    Set<UUID> idsAnsweringWith(UUID currentId);

    boolean exists(UUID customerId);

    /** A customer that was not merged away, with its identifiers. */
    Optional<Customer> find(UUID customerId);

    long contactCount(UUID customerId);

    /** What the customer's contacts say about them, with at most {@code namesShown} names. */
    ContactFacts contactFactsOf(UUID customerId, int namesShown);

    /** Merges into the customer or into customers merged into it, standing and undone. */
    List<MergeLineage> lineageOf(UUID customerId);

    /** A standing merge. */
    Optional<Merge> merge(UUID mergeId);

    /** An undone merge. */
    Optional<MergeLineage> undoneMerge(UUID mergeId);

    /** Records that a supervisor undid the merge: it is kept (lineage) and forbids the link from then on. */
    void recordUnmerge(Merge merge, Instant undoneAt, String undoneBy);

    /** Records that a supervisor cleared a shared identifier; recording the same action again changes nothing. */
    void recordClearing(SharingCleared clearing, String clearedBy);
}

package io.omnirouter.history.customer.web;

import io.omnirouter.history.audit.web.AboutCustomers;
import io.omnirouter.history.customer.model.CustomerProfile;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.MergeLineage;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A customer: every identifier it owns, its merge lineage and the span of its contacts.
 *
 * @param merges         merges into this customer (or into customers merged into it), oldest first; undone
 *                       ones stay, marked
 * @param contactCount   contacts in its timeline
 * @param openTaskCount  open follow-up tasks, those of customers merged into it included
 */
public record CustomerResponse(UUID customerId, List<IdentifierResponse> identifiers, List<MergeResponse> merges,
                        Instant firstContactAt, Instant lastContactAt, long contactCount, long openTaskCount)
        implements AboutCustomers {

    /** A lookup read the customer it found. */
    @Override
    public Collection<UUID> customersRead() {
        return List.of(customerId);
    }

    /** @param shared a shared identifier (switchboard number, family address) no longer links contacts */
    record IdentifierResponse(IdentifierType type, String value, boolean shared) {
    }

    /**
     * @param mergedId           the customer merged into {@code survivorId}; its id now answers with this customer
     * @param causeContactId     the contact whose identifiers linked the two
     * @param linkingIdentifiers the cause's identifiers that belonged to the merged customer
     * @param mergedAt           event time of the cause
     * @param undone             whether a supervisor undid it (then {@code undoneAt} says when)
     */
    record MergeResponse(UUID mergeId, UUID survivorId, UUID mergedId, UUID causeContactId,
                         List<LinkingIdentifier> linkingIdentifiers, Instant mergedAt, boolean undone, Instant undoneAt) {

        static MergeResponse of(MergeLineage lineage) {
            var merge = lineage.merge();
            return new MergeResponse(merge.mergeId(), merge.survivorId(), merge.mergedId(), merge.causeContactId(),
                    merge.linkingIdentifiers().stream().map(LinkingIdentifier::of).toList(), merge.mergedAt(), lineage.undone(),
                    lineage.undoneAt());
        }
    }

    record LinkingIdentifier(IdentifierType type, String value) {

        static LinkingIdentifier of(Identifier identifier) {
            return new LinkingIdentifier(identifier.type(), identifier.value());
        }
    }

    public static CustomerResponse of(CustomerProfile profile) {
        var customer = profile.customer();
        return new CustomerResponse(customer.customerId(),
                customer.identifiers().stream()
                        .map(owned -> new IdentifierResponse(owned.identifier().type(), owned.identifier().value(), owned.shared()))
                        .toList(),
                profile.lineage().stream().map(MergeResponse::of).toList(),
                customer.firstContactAt(), customer.lastContactAt(), profile.contactCount(), profile.openTaskCount());
    }
}

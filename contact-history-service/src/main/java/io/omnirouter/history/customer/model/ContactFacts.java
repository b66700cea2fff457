package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a customer's contacts say about them, for the header an agent reads first: the names the channels gave, and the
 * latest language, segment and agent. Each is the customer's (those merged into it included); none is personal data
 * beyond what the timeline shows.
 *
 * @param names       the names the channels gave, distinct, the most recently given first (a bounded number)
 * @param language    BCP 47 tag of the latest contact (event time) that gave one, or null
 * @param segment     B2C or B2B of the latest contact that gave one, or null
 * @param lastHandler the agent of the latest contact an agent handled, or null when no agent ever did
 */
public record ContactFacts(List<String> names, String language, String segment, LastHandler lastHandler) {

    /** No contact said anything (a customer known only by identifiers given without a name, say). */
    public static final ContactFacts NONE = new ContactFacts(List.of(), null, null, null);

    public ContactFacts {
        names = List.copyOf(names);
    }

    /**
     * @param agentId the agent
     * @param at      event time of that contact
     */
    public record LastHandler(String agentId, Instant at) {

        public LastHandler {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(at, "at");
        }
    }
}

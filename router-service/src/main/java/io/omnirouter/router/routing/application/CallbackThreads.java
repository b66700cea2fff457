package io.omnirouter.router.routing.application;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.router.routing.model.CallbackLink;
import io.omnirouter.router.routing.model.MissedCall;
import io.omnirouter.router.routing.model.MissedCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a callback in the thread of the missed call it answers ({@link CallbackLink}): its {@code threadKey} becomes
 * the missed call's, its {@code inReplyTo} the missed call's call id. The customer is the same when the normalized
 * phone numbers are; a call is looked up, and a missed call noted, by the keyed hash of that number
 * ({@link #phoneKey}), never by the number.
 *
 * <p>The missed calls known are those every router instance routed ({@link MissedCalls}, fed from the missed-calls
 * topic) and those of the batch being routed: a batch's missed calls are published in its transaction, and known to the
 * shared ones only once it has committed.
 */
public final class CallbackThreads {

    // Domain separation: a phone number's key here never equals a thread key or channel reference of the same text.
    private static final String PHONE_KEY = "missed-call-phone\u0000";

    private final CallbackLink policy;
    private final MissedCalls missedCalls;
    private final KeyedHash hash;

    public CallbackThreads(CallbackLink policy, MissedCalls missedCalls, KeyedHash hash) {
        this.policy = policy;
        this.missedCalls = missedCalls;
        this.hash = hash;
    }

    /** The key a customer's missed calls go by: the keyed hash of their normalized (E.164) phone number. */
    public String phoneKey(String normalizedPhone) {
        return hash.of(PHONE_KEY + normalizedPhone);
    }

    public Batch batch() {
        return new Batch();
    }

    /** A missed call to publish, under the key of its customer's phone. */
    public record NotedMissedCall(String phoneKey, MissedCall call) {
    }

    /** One routed batch: links its callbacks, collects its missed calls. Used by one thread. */
    public final class Batch {

        private final Map<String, MissedCall> missedInBatch = new HashMap<>();
        private final List<NotedMissedCall> noted = new ArrayList<>();

        private Batch() {
        }

        /**
         * The contact in its missed call's thread if it is a callback of one; noted if it is a missed call; else as it is.
         * A contact without a phone number is neither.
         */
        public ContactEvent link(ContactEvent contact) {
            String phone = contact.getIdentifiers().getPhone();
            if (phone == null) {
                return contact;
            }
            if (CallbackLink.isMissedCall(contact.getChannel(), contact.getDirection(), contact.getContactKind())) {
                String key = phoneKey(phone);
                MissedCall call = new MissedCall(contact.getChannelRef(), contact.getThreadKey(), contact.getOccurredAt());
                missedInBatch.merge(key, call, MissedCall::laterOf);
                noted.add(new NotedMissedCall(key, call));
                return contact;
            }
            if (!CallbackLink.isAnsweredOutboundCall(contact.getChannel(), contact.getDirection(), contact.getContactKind())) {
                return contact;
            }
            String key = phoneKey(phone);
            Optional<MissedCall> latest = latest(missedCalls.latestOf(key), Optional.ofNullable(missedInBatch.get(key)));
            return policy.missedCallAnsweredBy(contact.getOccurredAt(), latest)
                    .map(missed -> ContactEvent.newBuilder(contact).setThreadKey(missed.threadKey())
                            .setInReplyTo(missed.callId()).build())
                    .orElse(contact);
        }

        /** The batch's missed calls, in the order they were routed. */
        public List<NotedMissedCall> noted() {
            return List.copyOf(noted);
        }

        private static Optional<MissedCall> latest(Optional<MissedCall> known, Optional<MissedCall> inBatch) {
            if (known.isEmpty()) {
                return inBatch;
            }
            return inBatch.map(known.get()::laterOf).or(() -> known);
        }
    }
}

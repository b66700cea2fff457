package io.omnirouter.schemas;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * The partition of {@code contact.events} a contact goes to, chosen so that the contacts of one customer meet in one
 * ingest consumer as often as their identifiers allow (docs/kafka-contract.md "Partitions of contact.events"). The
 * record key stays the thread key; only the partition is chosen here.
 *
 * <p>Whoever writes {@code contact.events} can not know the customer (that is the history's identity resolution),
 * but it knows the contact's normalized identifiers. The anchor is the first one set in the order e-mail, phone, shop
 * customer id, chat visitor id, social handle: the e-mail address first because most channels carry it (e-mail,
 * web-shop orders, most chats), then the phone (calls, messaging apps). A customer's contacts then spread over one
 * or two partitions instead of all of them, and the batches of different consumers rarely hold the same
 * identifiers, so they rarely wait on each other's identifier locks. A contact without identifiers (a sealed one
 * carries none in clear) has no anchor, and its key decides as usual.
 *
 * <p>A placement, never a rule the history relies on: its identity resolution and follow-up give the same result in
 * any arrival order (the random-order property tests), so a customer whose identifiers land on several partitions,
 * or a merge across them, is handled correctly, only with more waiting.
 */
public final class CustomerAffinity {

    private CustomerAffinity() {
    }

    /**
     * The partition of the clear contact's anchor identifier, hashed as Kafka's default partitioner hashes a key
     * (murmur2), or null when it carries no identifier: the producer then partitions by the record key.
     */
    public static Integer partitionOf(ContactEvent clear, int partitions) {
        return anchorOf(clear.getIdentifiers())
                .map(anchor -> BuiltInPartitioner.partitionForKey(anchor.getBytes(StandardCharsets.UTF_8), partitions))
                .orElse(null);
    }

    /** The anchor identifier as {@code <type>:<normalized value>}, empty when the contact carries none. */
    public static Optional<String> anchorOf(CustomerIdentifiers identifiers) {
        if (identifiers == null) {
            return Optional.empty();
        }
        return anchor("email:", identifiers.getEmail())
                .or(() -> anchor("phone:", identifiers.getPhone()))
                .or(() -> anchor("shop:", identifiers.getShopCustomerId()))
                .or(() -> anchor("chat:", identifiers.getChatVisitorId()))
                .or(() -> anchor("social:", identifiers.getSocialHandle()));
    }

    private static Optional<String> anchor(String type, CharSequence value) {
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(type + value);
    }
}

package io.omnirouter.router.routing.channel;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.model.ChannelCustomer;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.schemas.ContractTopic;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one channel's events mean as contacts: the only code of the router that knows a channel's event type.
 * Everything a channel shares with the others (the envelope, identifier normalization, text bounds, classification,
 * de-duplication, dead letters, sealing) is done once, by {@code RoutingChannelEvents} and the listener, for every
 * mapping; a mapping says what its channel's fields are.
 *
 * <p>Adding a channel to the router is one class implementing this in this package (docs/channels.md): the router
 * collects every implementation here, and refuses to start unless each channel topic ({@link ContractTopic#channels()})
 * has exactly one ({@link ChannelMappings}). Implementations are plain Java, stateless, with a no-argument constructor.
 *
 * <p>The router calls them in this order for each event, so that the first problem of a record is the one its dead
 * letter names: {@link #check}, then (after the envelope and the customer) {@link #threadKey}, {@link #channelRef},
 * {@link #kind}, {@link #direction}, {@link #describe}, {@link #text}, {@link #impliedIntent}. Any of them may throw a
 * {@link RejectedEventException}: the record is then dead-lettered with its reason.
 *
 * @param <E> the generated class of the topic's value schema
 */
public interface ChannelMapping<E extends SpecificRecord> {

    /** The channel topic whose events this maps. */
    ContractTopic topic();

    /** The generated class of {@link #topic()}'s value schema: a decoded event finds its mapping by its class. */
    Class<E> eventClass();

    /** The contact's channel. It is part of the contact id ({@code ContactIds}), so no two mappings share one. */
    Channel channel();

    /**
     * Checks the channel's own fields before anything else of the event is read: its ids with {@code ids} (required or
     * optional, bounded, printable), ratings, numbers that cannot be.
     */
    void check(E event, ChannelIds ids);

    /** Who the contact is with: the event's {@code customer}, and any identifier the channel has outside it. */
    ChannelCustomer customer(E event);

    /** The conversation, from {@code ThreadKeys}: also the contact's record key on {@code contact.events}. */
    String threadKey(E event);

    /** The channel's own id of the item (call id, Message-ID, …), as sent. */
    String channelRef(E event);

    /**
     * What happened, chosen by an exhaustive switch over the channel's own enums, so that a symbol added to one fails
     * the build here. The router writes it as {@code contactKind} and its name as the deprecated {@code kind}.
     */
    ContactKind kind(E event);

    /** INBOUND from the customer, OUTBOUND to them. */
    Direction direction(E event);

    /**
     * Sets the contact fields that only this channel fills (agent, call outcome, order, consents…, a rating, a segment)
     * and its {@code details}: facts of the channel no other field holds, never an identifier or a text. A free text
     * among them is checked with {@code FreeTexts} here. The classifier reads {@code rating} and {@code segment} from
     * the contact as set here.
     */
    void describe(E event, ContactEvent.Builder contact);

    /** The subject (null where the channel has none) and the text, each checked with {@code FreeTexts}. */
    ContactText text(E event);

    /** The intent the event implies by itself (an order event is about an order, a rating is feedback), or null. */
    Intent impliedIntent(E event);
}

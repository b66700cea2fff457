package io.omnirouter.router.routing.channel;

import static io.omnirouter.router.routing.channel.ShippedChannels.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChatMappingTest {

    private final RoutingChannelEvents routing = ShippedChannels.routing();

    private static ChatEvent chat(ChatEventKind kind, ChatAuthor author, Integer satisfaction) {
        return new ChatEvent(meta("c-1"), "s-9", kind, author, CustomerRef.newBuilder().setChatVisitorId(" v-9 ").build(),
                "agent-7", kind == ChatEventKind.MESSAGE ? "Where is it?" : null, kind == ChatEventKind.ENDED ? Boolean.FALSE : null,
                satisfaction);
    }

    /** The kind names the step as before ContactEvent v4, when it was the string "CHAT_" + kind. */
    @ParameterizedTest
    @EnumSource(ChatEventKind.class)
    void aChatStepsKindIsChatAndTheStep(ChatEventKind kind) {
        assertThat(routing.route(chat(kind, ChatAuthor.CUSTOMER, null)).contact().getContactKind().name()).isEqualTo("CHAT_" + kind.name());
    }

    @ParameterizedTest
    @EnumSource(ChatAuthor.class)
    void theCustomersStepsAreInboundAndEveryoneElsesOutbound(ChatAuthor author) {
        ContactEvent contact = routing.route(chat(ChatEventKind.MESSAGE, author, null)).contact();

        assertThat(contact.getDirection()).isEqualTo(author == ChatAuthor.CUSTOMER ? Direction.INBOUND : Direction.OUTBOUND);
        assertThat(contact.getChatAuthor()).isEqualTo(author.name());
    }

    @Test
    void aChatStepIsAChatContactOfItsSessionAndARatingIsFeedback() {
        ContactEvent contact = routing.route(chat(ChatEventKind.ENDED, ChatAuthor.SYSTEM, 1)).contact();

        assertThat(contact.getChannel()).isEqualTo(Channel.CHAT);
        assertThat(contact.getThreadKey()).isEqualTo("chat:s-9");
        assertThat(contact.getChannelRef()).isEqualTo("s-9");
        assertThat(contact.getIdentifiers().getChatVisitorId()).isEqualTo("v-9");
        assertThat(contact.getIntent()).isEqualTo(Intent.FEEDBACK);
        assertThat(contact.getRating()).isEqualTo(1);
        assertThat(contact.getResolved()).isFalse();
        assertThat(contact.getAgentId()).isEqualTo("agent-7");
        assertThat(contact.getDetails()).isEmpty();
    }

    @Test
    void aSatisfactionOutsideOneToFiveIsRejected() {
        assertThatThrownBy(() -> routing.route(chat(ChatEventKind.ENDED, ChatAuthor.SYSTEM, 0)))
                .hasMessage("satisfaction must be between 1 and 5, got 0");
    }

    @Test
    void aNulInTheMessageRejectsIt() {
        ChatEvent message = chat(ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER, null);
        message.setText("hi\u0000");
        assertThatThrownBy(() -> routing.route(message)).hasMessageStartingWith("text contains U+0000 (NUL) at character 2");
    }
}

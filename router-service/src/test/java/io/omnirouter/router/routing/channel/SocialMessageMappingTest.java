package io.omnirouter.router.routing.channel;

import static io.omnirouter.router.routing.channel.ShippedChannels.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.SocialPlatform;
import io.omnirouter.channel.SocialVisibility;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.router.routing.model.RoutedContact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SocialMessageMappingTest {

    private final RoutingChannelEvents routing = ShippedChannels.routing();

    private static SocialMessageEvent.Builder message() {
        return SocialMessageEvent.newBuilder()
                .setMeta(meta("ig-1"))
                .setPlatform(SocialPlatform.INSTAGRAM)
                .setVisibility(SocialVisibility.PUBLIC_COMMENT)
                .setConversationId(" post-17 ")
                .setMessageId("c-2")
                .setReplyToId("c-1")
                .setDirection(Direction.INBOUND)
                .setCustomerHandle("@Ana.Novak")
                .setCustomer(new CustomerRef())
                .setText("Still waiting for my parcel")
                .setAttachmentNames(List.of("photo.jpg"));
    }

    private ContactEvent routed(SocialMessageEvent.Builder message) {
        return routing.route(message.build()).contact();
    }

    @Test
    void aCommentIsASocialContactOfItsPostWithItsOwnFields() {
        ContactEvent contact = routed(message());

        assertThat(contact.getChannel()).isEqualTo(Channel.SOCIAL);
        assertThat(contact.getContactKind()).isEqualTo(ContactKind.SOCIAL_COMMENT);
        assertThat(contact.getKind()).isEqualTo("SOCIAL_COMMENT");
        assertThat(contact.getThreadKey()).isEqualTo("social:instagram:post-17");
        assertThat(contact.getChannelRef()).isEqualTo("c-2");
        assertThat(contact.getInReplyTo()).isEqualTo("c-1");
        assertThat(contact.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(contact.getText()).isEqualTo("Still waiting for my parcel");
        assertThat(contact.getSubject()).isNull();
        assertThat(contact.getAttachmentNames()).containsExactly("photo.jpg");
        assertThat(contact.getDetails()).containsExactly(Map.entry("platform", "INSTAGRAM"), Map.entry("visibility", "PUBLIC_COMMENT"));
    }

    @ParameterizedTest
    @EnumSource(SocialVisibility.class)
    void aPrivateMessageIsASocialMessageAndAPublicCommentASocialComment(SocialVisibility visibility) {
        ContactEvent contact = routed(message().setVisibility(visibility));

        assertThat(contact.getContactKind())
                .isEqualTo(visibility == SocialVisibility.PRIVATE_MESSAGE ? ContactKind.SOCIAL_MESSAGE : ContactKind.SOCIAL_COMMENT);
        assertThat(contact.getDetails()).containsEntry("visibility", visibility.name());
    }

    @ParameterizedTest
    @EnumSource(SocialPlatform.class)
    void theThreadAndTheHandleAreNamedByThePlatformInLowerCase(SocialPlatform platform) {
        ContactEvent contact = routed(message().setPlatform(platform));

        String lower = platform.name().toLowerCase(java.util.Locale.ROOT);
        assertThat(contact.getThreadKey()).isEqualTo("social:" + lower + ":post-17");
        assertThat(contact.getIdentifiers().getSocialHandle()).isEqualTo(lower + ":ana.novak");
        assertThat(contact.getDetails()).containsEntry("platform", platform.name());
    }

    @Test
    void theSameConversationIdOnTwoPlatformsIsTwoThreads() {
        assertThat(routed(message().setPlatform(SocialPlatform.FACEBOOK)).getThreadKey())
                .isNotEqualTo(routed(message().setPlatform(SocialPlatform.MESSENGER)).getThreadKey());
    }

    @Test
    void theHandleIsAnIdentifierBesideThoseThePlatformGives() {
        ContactEvent contact = routed(message().setPlatform(SocialPlatform.WHATSAPP).setCustomerHandle("38641123456")
                .setCustomer(CustomerRef.newBuilder().setPhone("+386 41 123 456").setName("Ana").setLanguage("sl").build()));

        assertThat(contact.getIdentifiers().getSocialHandle()).isEqualTo("whatsapp:38641123456");
        assertThat(contact.getIdentifiers().getPhone()).isEqualTo("+38641123456");
        assertThat(contact.getCustomerName()).isEqualTo("Ana");
        assertThat(contact.getLanguage()).isEqualTo("sl");
    }

    @Test
    void anUnusableHandleIsDroppedWithAWarningWhenAnotherIdentifierRemains() {
        RoutedContact routed = routing.route(message().setCustomerHandle("ana novak")
                .setCustomer(CustomerRef.newBuilder().setEmail("Ana@Example.com").build()).build());

        assertThat(routed.contact().getIdentifiers().getSocialHandle()).isNull();
        assertThat(routed.contact().getIdentifiers().getEmail()).isEqualTo("ana@example.com");
        assertThat(routed.warnings()).singleElement().asString().startsWith("SOCIAL_HANDLE identifier rejected")
                .doesNotContain("ana novak");
    }

    @Test
    void anUnusableHandleAloneRejectsTheMessageSayingWhy() {
        assertThatThrownBy(() -> routed(message().setCustomerHandle("@")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("no usable customer identifier: SOCIAL_HANDLE identifier rejected");
    }

    @Test
    void aBlankHandleIsNoHandleAndWithoutAnotherIdentifierTheMessageIsRejected() {
        assertThatThrownBy(() -> routed(message().setCustomerHandle("  ")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage(Rejection.NO_CUSTOMER_IDENTIFIER.reason())
                .hasMessageContaining("socialHandle");
    }

    @Test
    void aRatedCommentIsFeedbackAndARatingOutsideOneToFiveIsRejected() {
        ContactEvent review = routed(message().setText(null).setRating(4));
        assertThat(review.getIntent()).isEqualTo(Intent.FEEDBACK);
        assertThat(review.getRating()).isEqualTo(4);

        assertThatThrownBy(() -> routed(message().setRating(6))).hasMessage("rating must be between 1 and 5, got 6");
        assertThat(routed(message().setText("Where is my parcel?")).getIntent()).as("unrated: by its text").isEqualTo(Intent.QUESTION);
    }

    @Test
    void anAgentsReplyIsOutboundAndNamesTheAgent() {
        ContactEvent reply = routed(message().setDirection(Direction.OUTBOUND).setAgentId("agent-7"));

        assertThat(reply.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(reply.getAgentId()).isEqualTo("agent-7");
    }

    @Test
    void theConversationAndMessageAreRequiredAndEveryIdIsChecked() {
        assertThatThrownBy(() -> routed(message().setConversationId(" "))).hasMessage("conversationId is required and must not be blank");
        assertThatThrownBy(() -> routed(message().setMessageId(""))).hasMessage("messageId is required and must not be blank");
        assertThatThrownBy(() -> routed(message().setReplyToId("c-\u200b1")))
                .hasMessageStartingWith("replyToId contains the control or invisible character U+200B");
        assertThatThrownBy(() -> routed(message().setAgentId("a".repeat(31)))).hasMessageStartingWith("agentId is longer than 30 characters");
        assertThatThrownBy(() -> routed(message().setConversationId("p\r\n"))).hasMessageStartingWith("conversationId contains the control");
    }

    @Test
    void aNulInTheTextOrAnAttachmentNameRejectsTheMessage() {
        assertThatThrownBy(() -> routed(message().setText("hi\u0000"))).hasMessageStartingWith("text contains U+0000 (NUL) at character 2");
        assertThatThrownBy(() -> routed(message().setAttachmentNames(List.of("a.jpg", "\u0000.jpg"))))
                .hasMessageStartingWith("attachmentNames[1] contains U+0000 (NUL) at character 0");
    }
}

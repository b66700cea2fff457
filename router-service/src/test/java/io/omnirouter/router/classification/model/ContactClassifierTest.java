package io.omnirouter.router.classification.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.Intent;
import io.omnirouter.contact.Priority;
import org.junit.jupiter.api.Test;

class ContactClassifierTest {

    private final ContactClassifier classifier = ShippedKeywords.classifier();

    private static ClassificationInput input(Channel channel, Intent kindIntent, String text, Integer rating,
                                             String segment, String language) {
        return new ClassificationInput(channel, Direction.INBOUND, kindIntent, text, rating, segment, language);
    }

    @Test
    void aComplaintGoesToTheComplaintsQueueWithHighPriority() {
        assertThat(classifier.classify(input(Channel.EMAIL, null, "Это жалоба на вашу службу доставки!", null, null, "ru")))
                .isEqualTo(new Classification(Intent.COMPLAINT, Priority.HIGH, "complaints"));
    }

    @Test
    void aComplaintInTheTextOverridesWhatTheEventKindImplies() {
        assertThat(classifier.classify(input(Channel.WEBSHOP, Intent.ORDER, "Reklamacija: paket je poškodovan", null, "B2C", "sl"))
                .intent()).isEqualTo(Intent.COMPLAINT);
    }

    @Test
    void otherwiseTheEventKindDecidesTheIntent() {
        assertThat(classifier.classify(input(Channel.WEBSHOP, Intent.ORDER, "Can you gift-wrap it?", null, "B2C", null)).intent())
                .isEqualTo(Intent.ORDER);
    }

    @Test
    void businessCustomersGoToTheirQueueOneStepHigher() {
        assertThat(classifier.classify(input(Channel.WEBSHOP, Intent.ORDER, null, null, "B2B", null)))
                .isEqualTo(new Classification(Intent.ORDER, Priority.HIGH, "b2b"));
    }

    @Test
    void anUnhappyRatingIsAtLeastHighPriority() {
        assertThat(classifier.classify(input(Channel.CHAT, Intent.FEEDBACK, null, 1, null, null)).priority())
                .isEqualTo(Priority.HIGH);
        assertThat(classifier.classify(input(Channel.CHAT, Intent.FEEDBACK, null, 5, null, null)).priority())
                .isEqualTo(Priority.LOW);
    }

    @Test
    void urgentWordsInAnyLanguageMakeItUrgent() {
        assertThat(classifier.classify(input(Channel.EMAIL, null, "Nujno potrebujem pomoč", null, null, "sl")).priority())
                .isEqualTo(Priority.URGENT);
    }

    @Test
    void queueRulesMatchChannelAndLanguagePrefixInOrder() {
        assertThat(classifier.classify(input(Channel.PHONE, null, null, null, null, "sl-SI")).queue()).isEqualTo("phone");
        assertThat(classifier.classify(input(Channel.EMAIL, null, "Pozdravljeni", null, null, "sl-SI")).queue()).isEqualTo("support-sl");
        assertThat(classifier.classify(input(Channel.EMAIL, null, "Hello", null, null, "en")).queue()).isEqualTo("general");
    }
}

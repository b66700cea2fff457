package io.omnirouter.router.classification.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.contact.Intent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntentClassifierTest {

    private final IntentClassifier shipped = new IntentClassifier(ShippedKeywords.keywords());

    @ParameterizedTest
    @ValueSource(strings = {
            "I want to complain about the delivery",                  // English
            "Pošiljam reklamacijo za pokvarjen izdelek",              // Slovenian
            "Vložil bom pritožbo, ker paket ni prišel",               // Slovenian, other stem
            "Siparişim hakkında ŞİKAYET etmek istiyorum",             // Turkish, upper case with dotted İ
            "Это жалоба на ваш магазин",                              // Russian
            "У меня претензия по заказу",                             // Russian, other word
            "ฉันต้องการร้องเรียนเรื่องสินค้า",                              // Thai, no spaces
    })
    void complaintsInEveryShippedLanguageAreComplaints(String text) {
        assertThat(shipped.classify(text, Intent.OTHER)).isEqualTo(Intent.COMPLAINT);
    }

    @Test
    void aComplaintThatMentionsAnOrderIsAComplaintBecauseComplaintsTakePrecedence() {
        assertThat(shipped.classify("Complaint: my order never arrived", Intent.OTHER)).isEqualTo(Intent.COMPLAINT);
    }

    @Test
    void orderQuestionsAreAboutOrders() {
        assertThat(shipped.classify("Where is my order 4711?", Intent.OTHER)).isEqualTo(Intent.ORDER);
        assertThat(shipped.classify("Kje je moje naročilo?", Intent.OTHER)).isEqualTo(Intent.ORDER);
    }

    @Test
    void aTextThatAsksSomethingWithoutKeywordsIsAQuestion() {
        assertThat(shipped.classify("Are you open on Sunday?", Intent.OTHER)).isEqualTo(Intent.QUESTION);
    }

    @Test
    void withoutAnyHintTheFallbackIsUsed() {
        assertThat(shipped.classify("Hello there.", Intent.OTHER)).isEqualTo(Intent.OTHER);
        assertThat(shipped.classify(null, Intent.FEEDBACK)).isEqualTo(Intent.FEEDBACK);
    }

    @Test
    void keywordListsAreConfigurationNotCode() {
        IntentClassifier custom = new IntentClassifier(Map.of(Intent.COMPLAINT, List.of("Reclamación")));
        assertThat(custom.classify("Quiero poner una RECLAMACIÓN", Intent.OTHER)).isEqualTo(Intent.COMPLAINT);
        assertThat(custom.classify("I want to complain", Intent.OTHER)).isEqualTo(Intent.OTHER);
    }
}

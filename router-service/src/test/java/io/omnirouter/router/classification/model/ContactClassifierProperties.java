package io.omnirouter.router.classification.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.Intent;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Hostile texts against the classifier (issue 10): whatever a customer typed (a megabyte, control
 * characters, every script at once, invisible characters), a contact gets a complete classification,
 * never an exception, and the same one every time; a complaint keyword in the text always wins.
 */
class ContactClassifierProperties {

    private static final List<String> QUEUES = List.of("complaints", "b2b", "phone", "support-sl", "general");

    // Static: parsing application.yml per container instance would cost more than the classifying.
    private static final ContactClassifier classifier = ShippedKeywords.classifier();

    /** Controls, invisibles, combining marks and the letters that fold in surprising ways, of the shipped scripts. */
    private static final String AWKWARD = "\u0000\u0007\u001B\u007F\u0085\u200B\u200D\u202E\u2066\uFEFF\u0301\u0307"
            + "İıŞşČčЖжกข่้ßẞ中😀？؟?";

    @Property
    void everyContactGetsTheSameCompleteClassification(@ForAll("inputs") ClassificationInput input) {
        Classification classification = classifier.classify(input);

        assertThat(classification.intent()).isNotNull();
        assertThat(classification.priority()).isNotNull();
        assertThat(classification.queue()).isIn(QUEUES);
        // Deterministic: the same input, even as a separate copy of the text, classifies the same.
        ClassificationInput copy = new ClassificationInput(input.channel(), input.direction(), input.kindIntent(),
                input.text() == null ? null : new String(input.text().toCharArray()), input.rating(), input.segment(), input.language());
        assertThat(classifier.classify(copy)).isEqualTo(classification);
    }

    @Property
    void aComplaintInTheTextAlwaysWins(@ForAll("inputs") ClassificationInput input, @ForAll("complaintKeywords") String keyword,
                                       @ForAll("texts") String after) {
        String text = (input.text() == null ? "" : input.text()) + " " + keyword + " " + after;

        Classification classification = classifier.classify(new ClassificationInput(input.channel(), input.direction(),
                input.kindIntent(), text, input.rating(), input.segment(), input.language()));

        assertThat(classification.intent()).isEqualTo(Intent.COMPLAINT);
        assertThat(classification.queue()).isEqualTo("complaints");
    }

    @Example
    void aMegabyteOfMixedScriptsAndControlsIsClassified() {
        String text = "Reklamacija \u0000 жалоба \u202E şikayet \u200B ร้องเรียน Beschwerde \u001B[31m ".repeat(20_000);

        Classification classification = classifier.classify(
                new ClassificationInput(Channel.EMAIL, Direction.INBOUND, null, text.substring(0, 1_000_000), null, null, "sl"));

        assertThat(classification.intent()).isEqualTo(Intent.COMPLAINT);
    }

    @Provide
    Arbitrary<ClassificationInput> inputs() {
        Arbitrary<Intent> kindIntent = Arbitraries.of(Intent.class).injectNull(0.3);
        Arbitrary<Integer> rating = Arbitraries.integers().injectNull(0.5);
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("B2B", "B2C", "b2b", ""), Arbitraries.strings().all().ofMaxLength(8))
                .injectNull(0.3);
        Arbitrary<String> language = Arbitraries.oneOf(Arbitraries.of("sl", "sl-SI", "sl_si", "SL", "en", "-", "sl-"),
                Arbitraries.strings().all().ofMaxLength(12)).injectNull(0.3);
        return Combinators.combine(Arbitraries.of(Channel.class), Arbitraries.of(Direction.class), kindIntent,
                        texts().injectNull(0.1), rating, segment, language)
                .as(ClassificationInput::new);
    }

    /** What customers type, and what attackers do: any Unicode, controls, the shipped scripts, rarely a megabyte. */
    @Provide
    Arbitrary<String> texts() {
        // Drawn from jqwik's random source: a list of 200 shrinkable characters costs more than classifying them.
        Arbitrary<String> mixed = Arbitraries.randomValue(random -> {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append(switch (random.nextInt(3)) {
                    case 0 -> (char) random.nextInt(0x10000);
                    case 1 -> AWKWARD.charAt(random.nextInt(AWKWARD.length()));
                    default -> (char) ('a' + random.nextInt(26));
                });
            }
            return text.toString();
        });
        Arbitrary<String> typed = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> words = Arbitraries.of("paket", "pritožba", "жалоба", "şikayet", "ร้องเรียน", "Beschwerde", "order", "Bestellung",
                "?", "urgent", "nujno", "срочно", "ACİL").list().ofMaxSize(8).map(list -> String.join(" ", list));
        Arbitrary<String> huge = typed.filter(s -> !s.isEmpty()).map(s -> s.repeat(1 + 1_000_000 / s.length()));
        // About thirty megabyte texts per 10,000 tries, without edge cases: jqwik mixes an arbitrary's edge cases in
        // whatever its weight, and folding a megabyte costs as much as a thousand ordinary texts.
        return Arbitraries.frequencyOf(Tuple.of(100, mixed), Tuple.of(100, typed), Tuple.of(100, words), Tuple.of(1, huge.withoutEdgeCases()));
    }

    @Provide
    Arbitrary<String> complaintKeywords() {
        return Arbitraries.of(ShippedKeywords.keywords().get(Intent.COMPLAINT));
    }
}

package io.omnirouter.router.classification.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.Intent;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.impl.Constraint;

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

    @Test
    void everyContactGetsTheSameCompleteClassification() {
        qt().forAll(inputs()).checkAssert(input -> {
            Classification classification = classifier.classify(input);

            assertThat(classification.intent()).isNotNull();
            assertThat(classification.priority()).isNotNull();
            assertThat(classification.queue()).isIn(QUEUES);
            // Deterministic: the same input, even as a separate copy of the text, classifies the same.
            ClassificationInput copy = new ClassificationInput(input.channel(), input.direction(), input.kindIntent(),
                    input.text() == null ? null : new String(input.text().toCharArray()), input.rating(), input.segment(), input.language());
            assertThat(classifier.classify(copy)).isEqualTo(classification);
        });
    }

    @Test
    void aComplaintInTheTextAlwaysWins() {
        qt().forAll(inputs(), complaintKeywords(), texts()).checkAssert((input, keyword, after) -> {
            String text = (input.text() == null ? "" : input.text()) + " " + keyword + " " + after;

            Classification classification = classifier.classify(new ClassificationInput(input.channel(), input.direction(),
                    input.kindIntent(), text, input.rating(), input.segment(), input.language()));

            assertThat(classification.intent()).isEqualTo(Intent.COMPLAINT);
            assertThat(classification.queue()).isEqualTo("complaints");
        });
    }

    @Test
    void aMegabyteOfMixedScriptsAndControlsIsClassified() {
        String text = "Reklamacija \u0000 жалоба \u202E şikayet \u200B ร้องเรียน Beschwerde \u001B[31m ".repeat(20_000);

        Classification classification = classifier.classify(
                new ClassificationInput(Channel.EMAIL, Direction.INBOUND, null, text.substring(0, 1_000_000), null, null, "sl"));

        assertThat(classification.intent()).isEqualTo(Intent.COMPLAINT);
    }

    private static Gen<ClassificationInput> inputs() {
        Gen<Channel> channel = Generate.enumValues(Channel.class);
        Gen<Direction> direction = Generate.enumValues(Direction.class);
        Gen<Intent> kindIntent = orNull(30, Generate.enumValues(Intent.class));
        Gen<String> text = orNull(10, texts());
        Gen<Integer> rating = orNull(50, integers().all());
        Gen<String> segment = orNull(30, Generate.oneOf(Generate.pick(List.of("B2B", "B2C", "b2b", "")), anyChars(8)));
        Gen<String> language = orNull(30, Generate.oneOf(Generate.pick(List.of("sl", "sl-SI", "sl_si", "SL", "en", "-", "sl-")),
                anyChars(12)));
        // Seven parts, five at most per zip: drawn one after the other from the same source, as zip does.
        Gen<ClassificationInput> inputs = in -> new ClassificationInput(channel.generate(in), direction.generate(in), kindIntent.generate(in),
                text.generate(in), rating.generate(in), segment.generate(in), language.generate(in));
        return inputs.describedAs(String::valueOf);
    }

    /** {@code gen}'s values, or null {@code nullPercent} times in a hundred. */
    private static <T> Gen<T> orNull(int nullPercent, Gen<T> gen) {
        return Generate.frequency(List.of(Pair.of(nullPercent, Generate.constant((T) null)), Pair.of(100 - nullPercent, gen)))
                .describedAs(String::valueOf);
    }

    /** Any UTF-16 units, lone surrogate halves included, at most {@code maxLength} of them. */
    private static Gen<String> anyChars(int maxLength) {
        return anyChars(0, maxLength);
    }

    private static Gen<String> anyChars(int minLength, int maxLength) {
        return strings().betweenCodePoints(Character.MIN_VALUE, Character.MAX_VALUE).ofLengthBetween(minLength, maxLength);
    }

    /** What customers type, and what attackers do: any Unicode, controls, the shipped scripts, rarely a megabyte. */
    private static Gen<String> texts() {
        // Drawn from one seed of the randomness source: a list of 200 shrinkable characters costs more than classifying them.
        Gen<String> mixed = in -> {
            Random random = new Random(in.next(Constraint.none()));
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append(switch (random.nextInt(3)) {
                    case 0 -> (char) random.nextInt(0x10000);
                    case 1 -> AWKWARD.charAt(random.nextInt(AWKWARD.length()));
                    default -> (char) ('a' + random.nextInt(26));
                });
            }
            return text.toString();
        };
        Gen<String> typed = anyChars(60);
        Gen<String> words = lists().of(Generate.pick(List.of("paket", "pritožba", "жалоба", "şikayet", "ร้องเรียน", "Beschwerde", "order",
                "Bestellung", "?", "urgent", "nujno", "срочно", "ACİL"))).ofSizeBetween(0, 8).map(list -> String.join(" ", list));
        Gen<String> huge = anyChars(1, 60).map(s -> s.repeat(1 + 1_000_000 / s.length()));
        // About thirty megabyte texts per 10,000 tries: folding a megabyte costs as much as a thousand ordinary texts.
        return Generate.frequency(List.of(Pair.of(100, mixed), Pair.of(100, typed), Pair.of(100, words), Pair.of(1, huge)));
    }

    private static Gen<String> complaintKeywords() {
        return Generate.pick(ShippedKeywords.keywords().get(Intent.COMPLAINT));
    }
}

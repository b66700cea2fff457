package io.omnirouter.router.classification.model;

import io.omnirouter.contact.Intent;
import java.util.List;

/**
 * Classifies a contact: intent (a complaint in the text always wins; otherwise what the event kind implies;
 * otherwise what the text says), priority by the {@link PriorityPolicy}, and the queue by the first
 * matching {@link QueueRule}.
 */
public final class ContactClassifier {

    private final IntentClassifier intents;
    private final PriorityPolicy priorities;
    private final List<QueueRule> queueRules;
    private final String defaultQueue;

    public ContactClassifier(IntentClassifier intents, PriorityPolicy priorities, List<QueueRule> queueRules,
                             String defaultQueue) {
        this.intents = intents;
        this.priorities = priorities;
        this.queueRules = List.copyOf(queueRules);
        this.defaultQueue = defaultQueue;
    }

    public Classification classify(ClassificationInput input) {
        String folded = input.text() == null ? null : KeywordText.fold(input.text());
        Intent fromText = intents.classifyFolded(folded, Intent.OTHER);
        Intent intent = fromText == Intent.COMPLAINT || input.kindIntent() == null ? fromText : input.kindIntent();
        String queue = queueRules.stream()
                .filter(rule -> rule.matches(input.channel(), intent, input))
                .map(QueueRule::queue)
                .findFirst()
                .orElse(defaultQueue);
        return new Classification(intent, priorities.priorityOf(intent, input, folded), queue);
    }
}

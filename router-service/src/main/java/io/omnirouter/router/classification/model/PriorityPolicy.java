package io.omnirouter.router.classification.model;

import io.omnirouter.contact.Intent;
import io.omnirouter.contact.Priority;
import java.util.List;
import java.util.Map;

/**
 * How urgent a contact is: the intent's base priority, at least HIGH for an unhappy rating, one step up
 * for business customers, URGENT when the customer says so in any configured language.
 */
public record PriorityPolicy(Map<Intent, Priority> baseByIntent, int lowRatingThreshold, boolean raiseForB2b,
                             List<String> urgentKeywords) {

    /** Keywords are folded once, here, as texts are ({@link KeywordText#fold}). */
    public PriorityPolicy {
        urgentKeywords = urgentKeywords.stream().map(KeywordText::fold).filter(keyword -> !keyword.isBlank()).toList();
    }

    /** @param foldedText the input's text folded ({@link KeywordText#fold}) once for intent and urgency, or null */
    Priority priorityOf(Intent intent, ClassificationInput input, String foldedText) {
        if (foldedText != null && urgentKeywords.stream().anyMatch(foldedText::contains)) {
            return Priority.URGENT;
        }
        Priority priority = baseByIntent.getOrDefault(intent, Priority.NORMAL);
        if (input.rating() != null && input.rating() <= lowRatingThreshold) {
            priority = atLeast(priority, Priority.HIGH);
        }
        if (raiseForB2b && "B2B".equals(input.segment())) {
            priority = oneUp(priority);
        }
        return priority;
    }

    private static Priority atLeast(Priority priority, Priority floor) {
        return priority.ordinal() >= floor.ordinal() ? priority : floor;
    }

    private static Priority oneUp(Priority priority) {
        Priority[] all = Priority.values();
        return all[Math.min(priority.ordinal() + 1, all.length - 1)];
    }
}

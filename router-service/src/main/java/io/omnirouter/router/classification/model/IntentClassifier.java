package io.omnirouter.router.classification.model;

import io.omnirouter.contact.Intent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies why the customer is in contact from multilingual keyword lists. The order of the configured
 * intents is the precedence: with the default configuration a complaint that mentions an order is a
 * complaint. Without a keyword hit, a text that asks something is a {@code QUESTION}.
 */
public final class IntentClassifier {

    private final Map<Intent, List<String>> keywordsByPrecedence;

    /** @param keywords per intent, in precedence order (first match wins) */
    public IntentClassifier(Map<Intent, List<String>> keywords) {
        this.keywordsByPrecedence = new LinkedHashMap<>();
        keywords.forEach((intent, words) ->
                keywordsByPrecedence.put(intent, words.stream().map(KeywordText::fold).filter(w -> !w.isBlank()).toList()));
    }

    /** The intent of a free text, or {@code fallback} when neither a keyword nor a question is found. */
    public Intent classify(String text, Intent fallback) {
        return text == null || text.isBlank() ? fallback : classifyFolded(KeywordText.fold(text), fallback);
    }

    /** The same for a text already folded ({@link KeywordText#fold}), so that a contact's text is folded once. */
    Intent classifyFolded(String folded, Intent fallback) {
        if (folded == null || folded.isBlank()) {
            return fallback;
        }
        for (Map.Entry<Intent, List<String>> entry : keywordsByPrecedence.entrySet()) {
            for (String keyword : entry.getValue()) {
                if (folded.contains(keyword)) {
                    return entry.getKey();
                }
            }
        }
        return asksSomething(folded) ? Intent.QUESTION : fallback;
    }

    // '?' in Latin/Cyrillic/Thai texts, the full-width '？' in CJK, the Arabic '؟'.
    private static boolean asksSomething(String folded) {
        return folded.indexOf('?') >= 0 || folded.indexOf('？') >= 0 || folded.indexOf('؟') >= 0;
    }
}

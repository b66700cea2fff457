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
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String folded = KeywordText.fold(text);
        for (Map.Entry<Intent, List<String>> entry : keywordsByPrecedence.entrySet()) {
            if (entry.getValue().stream().anyMatch(folded::contains)) {
                return entry.getKey();
            }
        }
        return asksSomething(folded) ? Intent.QUESTION : fallback;
    }

    /** True when one of the given keywords occurs in the text (same folding as intents). */
    public static boolean mentionsAny(String text, List<String> keywords) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String folded = KeywordText.fold(text);
        return keywords.stream().map(KeywordText::fold).filter(k -> !k.isBlank()).anyMatch(folded::contains);
    }

    // '?' in Latin/Cyrillic/Thai texts, the full-width '？' in CJK, the Arabic '؟'.
    private static boolean asksSomething(String folded) {
        return folded.indexOf('?') >= 0 || folded.indexOf('？') >= 0 || folded.indexOf('؟') >= 0;
    }
}

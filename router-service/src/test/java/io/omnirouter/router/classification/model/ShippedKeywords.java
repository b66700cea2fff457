package io.omnirouter.router.classification.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.Intent;
import io.omnirouter.contact.Priority;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The classification settings as shipped in application.yml, so unit tests check the real defaults. */
final class ShippedKeywords {

    private ShippedKeywords() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> classificationSection() {
        try (InputStream in = ShippedKeywords.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> omnirouter = (Map<String, Object>) root.get("omnirouter");
            Map<String, Object> router = (Map<String, Object>) omnirouter.get("router");
            return (Map<String, Object>) router.get("classification");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<Intent, List<String>> keywords() {
        Map<Intent, List<String>> keywords = new LinkedHashMap<>();
        ((Map<String, List<String>>) classificationSection().get("keywords"))
                .forEach((intent, words) -> keywords.put(Intent.valueOf(intent), words));
        return keywords;
    }

    @SuppressWarnings("unchecked")
    static List<String> urgentKeywords() {
        return (List<String>) classificationSection().get("urgent-keywords");
    }

    /** The classifier with the shipped keywords and, in short, the shipped priorities and queue rules. */
    static ContactClassifier classifier() {
        return new ContactClassifier(
                new IntentClassifier(keywords()),
                new PriorityPolicy(Map.of(Intent.COMPLAINT, Priority.HIGH, Intent.FEEDBACK, Priority.LOW), 2, true, urgentKeywords()),
                List.of(new QueueRule(null, Intent.COMPLAINT, null, null, "complaints"),
                        new QueueRule(null, null, "B2B", null, "b2b"),
                        new QueueRule(Channel.PHONE, null, null, null, "phone"),
                        new QueueRule(null, null, null, "sl", "support-sl")),
                "general");
    }
}

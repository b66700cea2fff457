package io.omnirouter.router.classification.model;

import io.omnirouter.contact.Intent;
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
}

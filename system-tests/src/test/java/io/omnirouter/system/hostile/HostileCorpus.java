package io.omnirouter.system.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The hostile records of {@code hostile/corpus.json}: what each kind is and what must happen to it. */
public final class HostileCorpus {

    /** What must become of a kind. */
    public enum Expect {
        /** On its dead-letter topic with a reason containing {@link Kind#reason()}. */
        DEAD_LETTER,
        /** In the customer's timeline and thread, as sent (bar the documented NUL replacement and truncation). */
        STORED,
        /** A re-sent eventId: its first record stored, the second emitted nowhere. */
        SUPPRESSED
    }

    /**
     * @param index   position in the corpus, part of the kind's marker
     * @param reason  DEAD_LETTER: a fragment the reason header must contain
     * @param dlt     DEAD_LETTER: the dead-letter topic, {@code <topic>.DLT} unless the corpus says otherwise
     * @param warning STORED: a fragment an {@code omnirouter.warning} header of the contact must contain, or null
     * @param lookup  STORED: the identifier type the agent looks the customer up by (email unless said otherwise)
     */
    public record Kind(int index, String name, String category, String note, String topic, Expect expect, String reason,
                       String dlt, String warning, String lookup, JsonNode recipe) {

        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(topic, name + ": topic");
            Objects.requireNonNull(recipe, name + ": recipe");
            if (expect == Expect.DEAD_LETTER && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException(name + ": a dead-lettered kind needs a reason fragment");
            }
        }
    }

    private HostileCorpus() {
    }

    public static List<Kind> load() {
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/corpus.json")) {
            JsonNode root = new ObjectMapper().readTree(Objects.requireNonNull(in, "hostile/corpus.json not on the classpath"));
            List<Kind> kinds = new ArrayList<>();
            for (JsonNode kind : root.get("kinds")) {
                String topic = kind.get("topic").asText();
                kinds.add(new Kind(kinds.size(), kind.get("name").asText(), kind.get("category").asText(),
                        kind.get("note").asText(), topic, Expect.valueOf(kind.get("expect").asText()),
                        text(kind, "reason"), kind.has("dlt") ? kind.get("dlt").asText() : topic + ".DLT",
                        text(kind, "warning"), kind.has("lookup") ? kind.get("lookup").asText() : "email", kind.get("recipe")));
            }
            return List.copyOf(kinds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}

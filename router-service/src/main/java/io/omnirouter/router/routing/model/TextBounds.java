package io.omnirouter.router.routing.model;

/**
 * Bounds the free texts a contact carries. Oversize texts are cut and marked, never rejected: a long
 * email is still a customer waiting for an answer.
 */
public record TextBounds(int maxSubjectChars, int maxTextChars, String truncationMarker) {

    public TextBounds {
        if (truncationMarker.length() >= Math.min(maxSubjectChars, maxTextChars)) {
            throw new IllegalArgumentException("truncation marker must be shorter than the text limits");
        }
    }

    /** A text, possibly cut to its limit. */
    public record Bounded(String text, boolean truncated) {
    }

    public Bounded subject(String subject) {
        return bound(subject, maxSubjectChars);
    }

    public Bounded text(String text) {
        return bound(text, maxTextChars);
    }

    private Bounded bound(String value, int limit) {
        if (value == null || value.length() <= limit) {
            return new Bounded(value, false);
        }
        int cut = limit - truncationMarker.length();
        // Never split a surrogate pair (emoji, rare CJK) in two.
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        return new Bounded(value.substring(0, cut) + truncationMarker, true);
    }
}

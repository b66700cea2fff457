package io.omnirouter.identifiers;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Characters that have no business in an identifier or an id: controls (NUL, CR, LF, ESC…), invisible formatting
 * characters (zero-width space and joiners, right-to-left overrides, the byte-order mark), line and paragraph
 * separators, and lone surrogates. They make look-alikes of other ids, forge log lines or headers, and PostgreSQL's
 * text type refuses NUL. Free texts may carry them; ids may not.
 */
public final class InvisibleCharacters {

    private InvisibleCharacters() {
    }

    /** The first such character's code point, if any. */
    public static OptionalInt firstIn(String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            switch (Character.getType(codePoint)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                     Character.SURROGATE -> {
                    return OptionalInt.of(codePoint);
                }
                default -> i += Character.charCount(codePoint);
            }
        }
        return OptionalInt.empty();
    }

    /** "U+000D": names the character without reproducing it (a reason or a log line must not contain it). */
    public static String describe(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}

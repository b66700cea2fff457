package io.omnirouter.router.classification.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text folded for keyword matching in any script: NFKC, lower case, combining marks removed
 * (so Turkish "ŞİKAYET" and "şikayet" match). Keywords are matched as substrings, which works for
 * stems in inflected languages ("pritožb" finds "pritožbo", "жалоб" finds "жалобу") and for Thai,
 * which does not separate words with spaces.
 */
final class KeywordText {

    private KeywordText() {
    }

    static String fold(String text) {
        if (isAscii(text)) {
            // NFKC, NFD and NFC leave ASCII as it is: only the case folds (the usual text, without three passes).
            return text.toLowerCase(Locale.ROOT);
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // Decompose only to drop the combining dot above that lower-casing "İ" leaves; recompose for the rest.
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD).replace("\u0307", "");
        return Normalizer.normalize(decomposed, Normalizer.Form.NFC);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}

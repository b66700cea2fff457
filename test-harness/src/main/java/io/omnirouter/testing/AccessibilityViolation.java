package io.omnirouter.testing;

import java.util.List;
import java.util.Objects;

/**
 * One rule that axe-core found broken on a page ({@link HeadlessChromium#seriousAccessibilityViolations()}), with the
 * elements that break it. Its {@link #toString()} is {@link #describe()}, so that a failed assertion on a list of them
 * says which rule, how bad, what to do and where, without opening a report.
 *
 * @param rule    axe's rule id, e.g. {@code image-alt} or {@code button-name}
 * @param impact  axe's impact: {@code minor}, {@code moderate}, {@code serious} or {@code critical}
 * @param help    axe's one-line description of what the rule asks for
 * @param targets a CSS selector per offending element (inside frames or shadow roots: the selectors on the way to it,
 *                joined by {@code " >> "} for a frame and {@code " >>> "} for a shadow root)
 */
public record AccessibilityViolation(String rule, String impact, String help, List<String> targets) {

    public AccessibilityViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(help, "help");
        targets = List.copyOf(targets);
    }

    /** E.g. {@code image-alt (critical): Images must have alternative text, at #logo, img.avatar}. */
    public String describe() {
        return rule + " (" + impact + "): " + help + ", at " + String.join(", ", targets);
    }

    @Override
    public String toString() {
        return describe();
    }
}

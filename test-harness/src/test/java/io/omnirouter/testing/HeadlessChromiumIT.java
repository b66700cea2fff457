package io.omnirouter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The harness's accessibility check in the real headless Chromium: axe-core (from npm, in the harness jar) finds the
 * serious and critical violations of a page that has them, with the elements at fault, and none on a page that has
 * none. One browser for the class; the pages are files in a temporary folder, opened as file:// URLs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadlessChromiumIT {

    private static final String BROKEN_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Broken</title></head>
            <body>
              <main>
                <h1>Customer</h1>
                <img id="avatar" src="avatar.png">
                <button id="send" type="button"></button>
              </main>
            </body>
            </html>
            """;

    private static final String ACCESSIBLE_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Customer search</title></head>
            <body>
              <main>
                <h1>Customer search</h1>
                <form>
                  <label for="query">E-mail, phone or name</label>
                  <input id="query" name="query" type="search">
                  <button type="submit">Search</button>
                </form>
              </main>
            </body>
            </html>
            """;

    @TempDir
    Path pages;

    private HeadlessChromium chromium;

    @BeforeAll
    void startBrowser() {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void reportsTheImageWithoutAltAndTheButtonWithoutNameWithTheirTargets() throws IOException {
        open("broken.html", BROKEN_PAGE);

        List<AccessibilityViolation> violations = chromium.seriousAccessibilityViolations();

        assertThat(violations).extracting(AccessibilityViolation::rule).containsExactlyInAnyOrder("image-alt",
                "button-name");
        assertThat(violations).allSatisfy(violation -> {
            assertThat(violation.impact()).isIn("serious", "critical");
            assertThat(violation.help()).isNotBlank();
        });
        assertThat(rule(violations, "image-alt").targets()).containsExactly("#avatar");
        assertThat(rule(violations, "button-name").targets()).containsExactly("#send");
        assertThat(rule(violations, "image-alt").describe()).startsWith("image-alt (critical): ").endsWith(", at #avatar");
    }

    @Test
    void reportsNothingOnAnAccessiblePageAndInjectsAxeOnlyOnce() throws IOException {
        open("accessible.html", ACCESSIBLE_PAGE);

        assertThat(chromium.seriousAccessibilityViolations()).as("serious violations").isEmpty();
        // A second check on the same page reuses the axe already there (no second injection) and agrees.
        assertThat(chromium.seriousAccessibilityViolations()).as("serious violations, second check").isEmpty();
    }

    @Test
    void checksAtTheSizeOfALaptopScreen() throws IOException {
        open("broken-small.html", BROKEN_PAGE);
        chromium.resizeTo(1366, 768);
        try {
            Object width = ((JavascriptExecutor) chromium.browser()).executeScript("return window.outerWidth;");
            assertThat(width).isEqualTo(1366L);
            assertThat(chromium.seriousAccessibilityViolations()).extracting(AccessibilityViolation::rule)
                    .containsExactlyInAnyOrder("image-alt", "button-name");
        } finally {
            chromium.resizeTo(1400, 1000);
        }
    }

    private void open(String name, String html) throws IOException {
        Path page = Files.writeString(pages.resolve(name), html);
        chromium.browser().get(page.toUri().toString());
    }

    private static AccessibilityViolation rule(List<AccessibilityViolation> violations, String rule) {
        return violations.stream().filter(violation -> violation.rule().equals(rule)).findFirst().orElseThrow(
                () -> new AssertionError("no " + rule + " among " + violations));
    }
}

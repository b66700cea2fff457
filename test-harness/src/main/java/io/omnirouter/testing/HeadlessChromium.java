package io.omnirouter.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the console's browser tests (Debian's chromium and chromium-driver,
 * docs/build-environment.md), with a profile of its own that is deleted on {@link #close()}. Screenshots go to
 * {@code target/console-screenshots/}. A module that uses it depends on {@code selenium-java} itself (it is optional
 * here, so that the other modules' tests do not carry it).
 *
 * <p>{@link #seriousAccessibilityViolations()} runs axe-core on the page shown, so that a browser test can also assert
 * that what it drove is usable with a screen reader or a keyboard. axe-core comes from the npm registry
 * ({@code test-harness/package.json}); the build puts its {@code axe.min.js} into this jar next to this class.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian installs them; override with -Dchromium.binary / -Dchromedriver.binary. */
    private static final Path CHROMIUM = Paths.get(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Paths.get(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");
    /** Copied from node_modules/axe-core by the build (test-harness/pom.xml). */
    private static final String AXE_RESOURCE = "axe.min.js";
    /** axe takes a second or two on a large page in a slow CI machine; this is ample. */
    private static final Duration AXE_TIMEOUT = Duration.ofSeconds(30);
    /** What a test fails on: axe's two higher impacts, the ones that lock users out rather than slow them down. */
    private static final Set<String> SERIOUS_IMPACTS = Set.of("serious", "critical");
    /**
     * Runs axe on the whole document, only for violations (the passes and incomplete checks are not reported, which
     * keeps the result small), and hands back what the Java side needs: a plain structure Selenium can convert.
     */
    private static final String RUN_AXE = """
            var done = arguments[arguments.length - 1];
            function selector(target) {
              return target.map(function (step) { return [].concat(step).join(' >>> '); }).join(' >> ');
            }
            axe.run(document, {resultTypes: ['violations']}).then(function (results) {
              done({violations: results.violations.map(function (violation) {
                return {rule: violation.id, impact: violation.impact || 'unknown', help: violation.help,
                        targets: violation.nodes.map(function (node) { return selector(node.target); })};
              })});
            }, function (error) {
              done({error: String(error && error.stack || error)});
            });
            """;

    private final Path userDataDir;
    private final ChromeDriverService service;
    private final WebDriver browser;

    private HeadlessChromium(Path userDataDir, ChromeDriverService service, WebDriver browser) {
        this.userDataDir = userDataDir;
        this.service = service;
        this.browser = browser;
    }

    /**
     * A browser window of 1400×1000 in British English.
     *
     * @throws IllegalStateException when Chromium or ChromeDriver is not installed, saying how to install them
     */
    public static HeadlessChromium start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The console test needs Chromium and ChromeDriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ": install them with 'apt-get install chromium chromium-driver' (the CI script .ci/run"
                    + " does), or point -Dchromium.binary and -Dchromedriver.binary at them.");
        }
        try {
            Path userDataDir = Files.createTempDirectory("agent-console-chromium-");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1400,1000", "--lang=en-GB", "--user-data-dir=" + userDataDir);
            return new HeadlessChromium(userDataDir, service, new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for Chromium's profile", e);
        }
    }

    public WebDriver browser() {
        return browser;
    }

    /**
     * Sets the browser window to {@code width}×{@code height}, e.g. 1366×768 to check that the console still works on
     * the most common laptop screen, not only on the 1400×1000 it starts with.
     */
    public void resizeTo(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * The accessibility rules that the page shown breaks with a serious or critical impact, according to axe-core,
     * each with the elements that break it (none: an empty list). Injects axe into the page the first time it is
     * asked on that page, and lets it run for up to 30 seconds (it sets the browser's script timeout to that). Minor
     * and moderate findings are left out: they are for a review, not for failing a build.
     *
     * @throws IllegalStateException when axe fails on the page, or when axe.min.js is not on the classpath
     */
    public List<AccessibilityViolation> seriousAccessibilityViolations() {
        JavascriptExecutor javascript = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(javascript.executeScript("return typeof window.axe !== 'undefined';"))) {
            javascript.executeScript(axeSource());
        }
        browser.manage().timeouts().scriptTimeout(AXE_TIMEOUT);
        Object outcome = javascript.executeAsyncScript(RUN_AXE);
        if (!(outcome instanceof Map<?, ?> result) || result.containsKey("error")) {
            throw new IllegalStateException("axe-core failed on " + browser.getCurrentUrl() + ": "
                    + (outcome instanceof Map<?, ?> failed ? failed.get("error") : outcome));
        }
        List<AccessibilityViolation> serious = new ArrayList<>();
        for (Object each : (List<?>) result.get("violations")) {
            Map<?, ?> violation = (Map<?, ?>) each;
            String impact = (String) violation.get("impact");
            if (SERIOUS_IMPACTS.contains(impact)) {
                List<String> targets = ((List<?>) violation.get("targets")).stream().map(String::valueOf).toList();
                serious.add(new AccessibilityViolation((String) violation.get("rule"), impact,
                        (String) violation.get("help"), targets));
            }
        }
        return List.copyOf(serious);
    }

    private static String axeSource() {
        try (InputStream in = HeadlessChromium.class.getResourceAsStream(AXE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/omnirouter/testing/" + AXE_RESOURCE + " is not on the classpath:"
                        + " the test-harness build copies it from node_modules/axe-core after 'npm ci' (package.json);"
                        + " build the module with Maven, with Node.js and npm installed ('apt-get install nodejs npm').");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + AXE_RESOURCE + " from the classpath failed", e);
        }
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>}. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("saving the screenshot " + name + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            service.stop();
            deleteRecursively(userDataDir);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting Chromium's profile " + directory + " failed", e);
        }
    }
}

package io.omnirouter.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
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
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian installs them; override with -Dchromium.binary / -Dchromedriver.binary. */
    private static final Path CHROMIUM = Paths.get(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Paths.get(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");

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

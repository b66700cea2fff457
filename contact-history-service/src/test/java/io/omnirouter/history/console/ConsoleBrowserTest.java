package io.omnirouter.history.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.testing.AccessibilityViolation;
import io.omnirouter.testing.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's tests in a real headless Chromium ({@link HeadlessChromium}, docs/build-environment.md), one browser per
 * test, on the running service. Screenshots go to target/console-screenshots/.
 */
abstract class ConsoleBrowserTest extends HistoryIntegrationTest {

    protected static final Duration BROWSER_PATIENCE = Duration.ofSeconds(30);

    private HeadlessChromium chromium;
    protected WebDriver browser;

    @BeforeEach
    void startChromium() {
        chromium = HeadlessChromium.start();
        browser = chromium.browser();
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    protected void logIn(String user) {
        logIn(browser, user);
    }

    /** Signs a browser in as one of the local users: this test's, or another one it started ({@link HeadlessChromium}). */
    protected void logIn(WebDriver browser, String user) {
        browser.get(baseUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lookup-value")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in"), "Signed in as " + user));
    }

    /** Opens, from the customers' view, the customer with this identifier (a lookup type as the search box lists them). */
    protected void openCustomer(String type, String value, String customerId, WebDriverWait wait) {
        browser.findElement(By.cssSelector(".view-tab[data-view='customers']")).click();
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue(type);
        WebElement search = browser.findElement(By.id("lookup-value"));
        search.clear();
        search.sendKeys(value);
        browser.findElement(By.id("lookup-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("customer-id"), customerId));
    }

    /**
     * Clicks the element once it is clickable, again if a view re-rendered it between finding and clicking (live lists
     * are drawn afresh when their data arrives).
     */
    protected void click(By element, WebDriverWait wait) {
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement clickable = ExpectedConditions.elementToBeClickable(element).apply(driver);
            if (clickable == null) {
                return false;
            }
            clickable.click();
            return true;
        });
    }

    protected void screenshot(String name) {
        chromium.screenshot(name);
    }

    /** The smallest screen the console is made for (issue 14: readable at 1366×768). */
    protected void onALaptopScreen() {
        chromium.resizeTo(1366, 768);
    }

    /** axe-core (from npm, run in this Chromium) finds no serious or critical violation on what the page shows now. */
    protected void assertNoSeriousAccessibilityViolations(String view) {
        List<AccessibilityViolation> violations = chromium.seriousAccessibilityViolations();
        assertThat(violations).as("serious or critical accessibility violations on %s:%n%s", view,
                violations.stream().map(AccessibilityViolation::describe).collect(Collectors.joining("\n"))).isEmpty();
    }
}

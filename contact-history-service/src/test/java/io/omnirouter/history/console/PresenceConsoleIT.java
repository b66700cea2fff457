package io.omnirouter.history.console;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.presence.application.PresenceProperties;
import io.omnirouter.testing.HeadlessChromium;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 14, item 7, the journey "two browsers on the same customer see each other": each sees the other within one
 * heartbeat interval, and the line empties when the other goes to another customer.
 */
class PresenceConsoleIT extends ConsoleBrowserTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    @Autowired
    private PresenceProperties properties;

    @Test
    void twoBrowsersOnTheSameCustomerSeeEachOther() {
        String email = newCustomer();
        String customerId = awaitCustomer("email", email);
        String elsewhere = newCustomer();
        String elsewhereId = awaitCustomer("email", elsewhere);
        // The console heartbeats every heartbeat interval (the API advertises it); a little more for the browser's work.
        Duration withinAHeartbeat = properties.heartbeatInterval().plusSeconds(3);

        logIn("agent");
        open(browser, email, customerId);
        try (HeadlessChromium second = HeadlessChromium.start()) {
            WebDriver other = second.browser();
            logIn(other, "supervisor");
            open(other, email, customerId);

            // The second sees the first at its first heartbeat; the first sees the second at its next one.
            new WebDriverWait(other, withinAHeartbeat).until(ExpectedConditions.textToBe(By.id("viewers"),
                    "Also looking at this customer: agent"));
            new WebDriverWait(browser, withinAHeartbeat).until(ExpectedConditions.textToBe(By.id("viewers"),
                    "Also looking at this customer: supervisor"));
            assertNoSeriousAccessibilityViolations("a customer another agent is looking at");
            screenshot("presence.png");
            second.screenshot("presence-second-browser.png");

            // The second goes to another customer: it says so, and the first sees nobody else at its next heartbeat.
            open(other, elsewhere, elsewhereId);
            new WebDriverWait(browser, withinAHeartbeat).until(ExpectedConditions.textToBe(By.id("viewers"), ""));
            assertThat(other.findElement(By.id("viewers")).getText()).isEmpty();
            assertThat(json(mvc.get().uri("/api/customers/{id}/viewers", customerId), 200).get("viewers")
                    .valueStream().map(viewer -> viewer.get("agentId").asString())).containsExactly("agent");
        }
    }

    private static String newCustomer() {
        String email = "presence-console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build()).build());
        return email;
    }

    /** Finds the customer by its e-mail address in the search box and waits until it is shown. */
    private static void open(WebDriver browser, String email, String customerId) {
        browser.findElement(By.id("lookup-value")).clear();
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-id")));
        wait.until(ExpectedConditions.textToBe(By.id("customer-id"), customerId));
    }
}

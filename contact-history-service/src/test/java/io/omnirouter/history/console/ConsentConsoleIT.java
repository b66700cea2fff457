package io.omnirouter.history.console;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's customer view shows the customer's consents (in a real headless Chromium, {@link ConsoleBrowserTest}):
 * the withdrawn one marked with the time it was withdrawn, one never given as unknown. Screenshot:
 * target/console-screenshots/consents.png.
 */
class ConsentConsoleIT extends ConsoleBrowserTest {

    @Test
    void anAgentSeesTheCustomersWithdrawnAndGrantedConsentsAndThoseNeverGiven() throws IOException {
        String address = "consents-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Instant withdrawnAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(2));
        ContactEvent change = contact(Channel.WEBSHOP, withdrawnAt).setIdentifiers(email(address)).setKind("CONSENT_CHANGED")
                .setText(null).setConsents(List.of(new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false),
                        new ConsentChange(ConsentPurpose.CONTACT_BY_EMAIL, true))).build();
        publish(change);
        awaitCustomer("email", address);

        logIn("agent");
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys(address);
        browser.findElement(By.id("lookup-submit")).click();

        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(driver -> driver.findElements(By.cssSelector("#consents li[data-purpose]")).size() == 5);
        var surveys = browser.findElement(By.cssSelector("#consents li[data-purpose='MARKETING_SURVEYS']"));
        assertThat(surveys.getAttribute("data-state")).isEqualTo("WITHDRAWN");
        assertThat(surveys.getText()).contains("Marketing surveys", "withdrawn");
        assertThat(Instant.parse(surveys.findElement(By.tagName("time")).getAttribute("datetime"))).isEqualTo(withdrawnAt);
        assertThat(browser.findElement(By.cssSelector("#consents li[data-purpose='CONTACT_BY_EMAIL']")).getText()).contains("yes");
        assertThat(browser.findElement(By.cssSelector("#consents li[data-purpose='THANK_YOU_MESSAGES']")).getText()).contains("unknown");
        assertNoSeriousAccessibilityViolations("the customer's consents");
        screenshot("consents.png");
    }
}

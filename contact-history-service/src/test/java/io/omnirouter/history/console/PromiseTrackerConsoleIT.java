package io.omnirouter.history.console;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.Intent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The timeline an agent reads and the promise tracker in a real headless Chromium (issue 14, items 5, 6 and 9): a
 * broken promise shown as broken, a call's written summary beside the call, a conversation opened inline, and the
 * timeline filtered by direction, intent and channel.
 */
class PromiseTrackerConsoleIT extends ConsoleBrowserTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(1));

    @Test
    void theTrackerShowsABrokenPromiseAndTheCallsSummaryBesideItsCall() {
        String address = "tracker-" + UUID.randomUUID() + "@example.com";
        String thread = "email:<tracker-" + UUID.randomUUID() + "@mail>";
        ContactEvent call = outbound(Channel.PHONE, T0.plus(Duration.ofHours(3)), address, "phone:" + UUID.randomUUID(), "CALL_ANSWERED")
                .setCallOutcome("ANSWERED").setDurationSeconds(180).setText("Agreed a refund by Friday").build();
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setThreadKey(thread).setKind("EMAIL")
                        .setSubject("Where is my refund?").build(),
                // "We will answer within the hour", and nobody did; nor was the call after it confirmed in writing.
                outbound(Channel.EMAIL, T0.plus(Duration.ofMinutes(5)), address, thread, "EMAIL")
                        .setPromisedReplyBy(T0.plus(Duration.ofHours(1))).build(),
                call);
        WebDriverWait wait = openAsAgent(address, 3);

        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("promises-count"), "2 broken"));
            assertThat(browser.findElements(By.cssSelector("#promises li[data-outcome='BROKEN']")))
                    .extracting(WebElement::getText)
                    .satisfiesExactly(summary -> assertThat(summary).startsWith("broken Call summary"),
                            reply -> assertThat(reply).startsWith("broken Promised reply"));
            WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "#timeline-body tr[data-contact-id='" + call.getContactId() + "'] .call-summary")));
            assertThat(summary.getText()).startsWith("Written summary: broken, due");
            assertNoSeriousAccessibilityViolations("the promise tracker");
        } finally {
            screenshot("promise-tracker.png");
        }

        // The queues' tracker counts them with every other broken promise, as the API does.
        browser.findElement(By.cssSelector(".view-tab[data-view='queues']")).click();
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(By.id("queues-refresh")).click();
            long shown = driver.findElements(By.cssSelector("#queue-promises-body tr")).stream()
                    .mapToLong(row -> Long.parseLong(row.findElements(By.tagName("td")).get(3).getText())).sum();
            long counted = json(mvc.get().uri("/api/promises"), 200).get("counts").get("broken").asLong();
            return counted >= 2 && shown == counted;
        });
        assertNoSeriousAccessibilityViolations("the queues' promise tracker");
        browser.findElement(By.cssSelector(".view-tab[data-view='customers']")).click();

        // The written summary, late: the call's summary is kept late, and so is the promised reply (the same e-mail).
        publish(outbound(Channel.EMAIL, T0.plus(Duration.ofHours(6)), address, thread, "EMAIL").setSubject("Your refund").build());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "#timeline-body tr[data-contact-id='" + call.getContactId() + "'] .call-summary"), "Written summary: kept late"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("promises-count"), "2 kept late"));
    }

    @Test
    void aConversationOpensInlineAndTheTimelineFiltersByDirectionIntentAndChannel() {
        String address = "filters-" + UUID.randomUUID() + "@example.com";
        String thread = "email:<filters-" + UUID.randomUUID() + "@mail>";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setThreadKey(thread).setKind("EMAIL").build(),
                outbound(Channel.EMAIL, T0.plus(Duration.ofMinutes(10)), address, thread, "EMAIL").build(),
                contact(Channel.CHAT, T0.plus(Duration.ofMinutes(20))).setIdentifiers(email(address)).setKind("CHAT_MESSAGE")
                        .setIntent(Intent.COMPLAINT).build());
        WebDriverWait wait = openAsAgent(address, 3);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-body tr"), 3));

        // The e-mail conversation opens inline, right under the contact clicked, and closes again.
        WebElement reply = browser.findElements(By.cssSelector("#timeline-body tr")).get(1);
        reply.findElement(By.cssSelector("button[aria-label^='Open the conversation']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-body tr.thread-row #thread-items > li"), 2));
        assertThat(browser.findElements(By.cssSelector("#timeline-body tr")).get(2).getDomAttribute("class")).isEqualTo("thread-row");
        assertNoSeriousAccessibilityViolations("a conversation open in the timeline");
        screenshot("thread-inline.png");
        browser.findElement(By.id("thread-close")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-body tr"), 3));

        new Select(browser.findElement(By.id("filter-direction"))).selectByValue("OUTBOUND");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-body tr"), 1));
        assertThat(browser.findElement(By.cssSelector("#timeline-body tr")).getText()).contains("Outbound");

        new Select(browser.findElement(By.id("filter-direction"))).selectByValue("");
        new Select(browser.findElement(By.id("filter-intent"))).selectByValue("COMPLAINT");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-body tr"), 1));
        assertThat(browser.findElement(By.cssSelector("#timeline-body tr")).getText()).contains("Chat", "Complaint");

        new Select(browser.findElement(By.id("filter-channel"))).selectByValue("EMAIL");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline-empty")));
        assertThat(browser.findElements(By.cssSelector("#timeline-body tr"))).isEmpty();
        assertNoSeriousAccessibilityViolations("the filtered timeline");
    }

    @Test
    void aCallbackArrivingLiveSaysWhichMissedCallItAnswersAndOpensInThatCallsConversation() {
        String address = "callback-" + UUID.randomUUID() + "@example.com";
        ContactEvent missed = contact(Channel.PHONE, T0).setIdentifiers(email(address)).setKind("CALL_MISSED")
                .setCallOutcome("MISSED").setQueue("phone").build();
        publish(missed);
        WebDriverWait wait = openAsAgent(address, 1);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-body tr"), 1));

        ContactEvent callback = outbound(Channel.PHONE, T0.plus(Duration.ofMinutes(20)), address, "phone:" + UUID.randomUUID(),
                "CALL_ANSWERED").setCallOutcome("ANSWERED").setDurationSeconds(120).setText("Called back about the invoice").build();
        publish(callback);
        String callbackRow = "#timeline-body tr[data-contact-id='" + callback.getContactId() + "']";
        WebElement label = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(callbackRow + " .callback-for")));
        assertThat(label.getText()).startsWith("Callback for the missed call of");
        assertThat(label.getDomAttribute("data-missed-call")).isEqualTo(missed.getContactId());

        // Its conversation is the missed call's: both calls, the callback marked.
        click(By.cssSelector(callbackRow + " button[aria-label^='Open the conversation']"), wait);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-body tr.thread-row #thread-items > li"), 2));
        assertThat(browser.findElement(By.id("thread-key")).getText()).isEqualTo(missed.getThreadKey());
        assertThat(browser.findElements(By.cssSelector("#thread-items > li"))).extracting(WebElement::getText)
                .satisfiesExactly(first -> assertThat(first).contains("Call missed").doesNotContain("callback"),
                        second -> assertThat(second).contains("Call answered", "callback", "Called back about the invoice"));
        try {
            assertNoSeriousAccessibilityViolations("a callback in its missed call's conversation");
        } finally {
            screenshot("callback-in-the-missed-calls-conversation.png");
        }
    }

    /** Signs in as an agent on a laptop screen and opens the customer of {@code address} once it has {@code contacts}. */
    private WebDriverWait openAsAgent(String address, int contacts) {
        String customerId = awaitCustomerWithContacts("email", address, contacts);
        logIn("agent");
        onALaptopScreen();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        openCustomer("email", address, customerId, wait);
        return wait;
    }

    private static ContactEvent.Builder outbound(Channel channel, Instant at, String address, String thread, String kind) {
        return contact(channel, at).setDirection(Direction.OUTBOUND).setIdentifiers(email(address)).setThreadKey(thread)
                .setKind(kind).setAgentId("alice");
    }
}

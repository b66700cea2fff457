package io.omnirouter.history.console;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 10, item 3: contacts whose texts and identifiers carry HTML and script, stored through contact.events, shown
 * in the console in Chromium, on the first page and arriving live: nothing runs, no element of the payloads appears
 * in the DOM, and every text reads exactly as typed (textContent equal to the payload). The console's CSP would
 * stop inline scripts anyway; the element checks catch markup parsed from record text, which the CSP does not.
 */
class HostileTextInTheConsoleIT extends ConsoleBrowserTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2));
    private static final List<String> PAYLOADS = List.of(
            "<script>window.__pwned=1</script>",
            "<img src=x onerror=\"window.__pwned=1\">",
            "<svg onload=\"window.__pwned=1\"><circle r=\"1\"/></svg>",
            "<a href=\"javascript:window.__pwned=1\">open your invoice</a>",
            "\"><iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
            "{{constructor.constructor('window.__pwned=1')()}}",
            "invoice\u202Efdp.exe (right-to-left override)",
            "first line\r\nsecond line\r\n<b>third</b>");
    /** Elements the payloads would create if parsed as HTML; the console itself has none of them. */
    private static final String PAYLOAD_ELEMENTS = "script:not([src]), img, svg, circle, iframe, b, a[href^='javascript:'], [onerror], [onload]";

    @Test
    void hostileTextIsShownAsTextOnTheFirstPageInTheConversationAndWhenItArrivesLive() throws IOException {
        String email = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CustomerIdentifiers identifiers = CustomerIdentifiers.newBuilder().setEmail(email)
                .setShopCustomerId("<img src=x onerror=\"window.__pwned=1\">" + UUID.randomUUID())
                .setChatVisitorId("<script>window.__pwned=1</script>" + UUID.randomUUID()).build();
        String threadKey = "email:<svg onload=\"window.__pwned=1\">" + UUID.randomUUID();
        List<ContactEvent> contacts = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            contacts.add(contact(Channel.EMAIL, T0.plus(Duration.ofMinutes(i))).setIdentifiers(identifiers)
                    .setSubject(payload).setText("Body: " + payload).setCustomerName(payload).setAgentId(i == 0 ? payload : null)
                    .setAttachmentNames(List.of(payload + ".pdf", "../../etc/passwd"))
                    .setThreadKey(i == 1 ? threadKey : "email:thread-" + i + "-" + UUID.randomUUID()).build());
        }
        publish(contacts.toArray(ContactEvent[]::new));
        String customerId = awaitCustomer("email", email);
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200)
                .get("items").size() == PAYLOADS.size());

        logIn("agent");
        assertThat(payloadElements()).as("the console before any customer").isZero();
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(driver -> driver.findElements(By.cssSelector("#timeline-body tr")).size() == PAYLOADS.size());
        wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "open"));

        try {
            assertNothingRan();
            assertThat(texts("#timeline-body .subject")).containsExactlyInAnyOrderElementsOf(PAYLOADS);
            assertThat(texts("#timeline-body .excerpt span:not(.subject)"))
                    .containsExactlyInAnyOrderElementsOf(PAYLOADS.stream().map(p -> "Body: " + p).toList());
            assertThat(browser.findElements(By.cssSelector("#timeline-body .subject"))).allSatisfy(s -> assertThat(s.isDisplayed()).isTrue());
            assertThat(texts("#identifiers li span:nth-child(2)"))
                    .contains(email, identifiers.getShopCustomerId(), identifiers.getChatVisitorId());
            assertThat(texts("#timeline-body button.link")).contains(threadKey);
            assertThat(texts("#timeline-body td")).contains(PAYLOADS.get(0));
            // Each text is isolated: the right-to-left override reorders its own text only, not the "Body: " beside it.
            assertThat(styles("#timeline-body .excerpt span", "unicode-bidi")).isNotEmpty().containsOnly("isolate");

            // The conversation view: whole texts, the key as its heading.
            browser.findElement(By.cssSelector("tr[data-contact-id='" + contacts.get(1).getContactId() + "'] button.link")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thread")));
            wait.until(driver -> !driver.findElements(By.cssSelector("#thread-items li")).isEmpty());
            assertNothingRan();
            assertThat(texts("#thread-key")).containsExactly(threadKey);
            assertThat(texts("#thread-items strong")).containsExactly(PAYLOADS.get(1));
            assertThat(texts("#thread-items p.text")).containsExactly("Body: " + PAYLOADS.get(1));
            assertThat(texts("#thread-items .sender")).containsExactly(PAYLOADS.get(1));
            assertThat(texts("#thread-items .attachments li")).containsExactly(PAYLOADS.get(1) + ".pdf", "../../etc/passwd");
            assertThat(styles("#thread-items p.text, #thread-items strong, #thread-items .sender, #thread-items .attachments li,"
                    + " #thread-key", "unicode-bidi")).containsOnly("isolate");
        } finally {
            screenshot("hostile-text.png");
        }

        // Arriving live, while the page is open: the rendering path of the stream.
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        String liveSubject = "<img src=x onerror=\"window.__pwned=2\"><script>window.__pwned=2</script>";
        String liveText = "\"><svg onload=\"window.__pwned=2\"> {{constructor.constructor('window.__pwned=2')()}}\r\nend";
        ContactEvent live = contact(Channel.EMAIL, Instant.now().truncatedTo(ChronoUnit.SECONDS)).setIdentifiers(identifiers)
                .setSubject(liveSubject).setText(liveText).setCustomerName(liveSubject).setAgentId(liveSubject).build();
        publish(live);
        try {
            wait.until(driver -> !driver.findElements(By.cssSelector("tr[data-contact-id='" + live.getContactId() + "']")).isEmpty());
            assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
            assertNothingRan();
            String row = "tr[data-contact-id='" + live.getContactId() + "'] ";
            assertThat(texts(row + ".subject")).containsExactly(liveSubject);
            assertThat(texts(row + ".excerpt span:not(.subject)")).containsExactly(liveText);
            assertThat(texts(row + "td")).as("the agent column").contains(liveSubject);
            assertThat(browser.findElement(By.cssSelector(row + ".subject")).isDisplayed()).isTrue();
        } finally {
            screenshot("hostile-text-live.png");
        }
    }

    /** No payload ran (in this window or a frame's parent) and none became an element. */
    private void assertNothingRan() {
        Object pwned = ((JavascriptExecutor) browser).executeScript("return typeof window.__pwned;");
        assertThat(pwned).as("window.__pwned").isEqualTo("undefined");
        assertThat(payloadElements()).as("elements made from record text: %s", PAYLOAD_ELEMENTS).isZero();
        // The scripts index.html loads, and not one more: a script made from record text would be another element.
        assertThat(browser.findElements(By.cssSelector("script"))).as("only the console's own scripts")
                .extracting(script -> script.getDomAttribute("src")).containsExactly("console.js", "presence.js", "work.js", "supervisor.js", "promises.js");
    }

    private long payloadElements() {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll(arguments[0]).length;", PAYLOAD_ELEMENTS);
    }

    /** The computed value of a CSS property for every match. */
    @SuppressWarnings("unchecked")
    private List<String> styles(String selector, String property) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => getComputedStyle(e).getPropertyValue(arguments[1]));",
                selector, property);
    }

    /** textContent of every match: the text exactly as the DOM holds it (getText() would normalize white space). */
    @SuppressWarnings("unchecked")
    private List<String> texts(String selector) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);", selector);
    }
}

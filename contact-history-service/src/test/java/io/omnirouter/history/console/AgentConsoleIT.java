package io.omnirouter.history.console;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.social;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.contact.Intent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The agent console in a real headless Chromium (see {@link ConsoleBrowserTest}): log in
 * through the form, find a customer, see the unified timeline, see a contact published to Kafka appear
 * without a reload, open a conversation and the API documentation. The screenshot (taken when the live contact
 * arrived) is kept in target/console-screenshots/agent-console.png.
 */
class AgentConsoleIT extends ConsoleBrowserTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(3));

    @Test
    void anAgentLogsInFindsACustomerAndSeesANewContactArriveLive() throws IOException {
        String email = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String phone = "+38641" + (100_000 + (int) (Math.random() * 899_999));
        CustomerIdentifiers byEmail = CustomerIdentifiers.newBuilder().setEmail(email).build();
        CustomerIdentifiers byPhone = CustomerIdentifiers.newBuilder().setPhone(phone).build();
        CustomerIdentifiers both = CustomerIdentifiers.newBuilder().setEmail(email).setPhone(phone).build();
        ContactEvent question = contact(Channel.EMAIL, T0).setIdentifiers(byEmail).setSubject("Where is my order 1042?")
                .setText("Hello, I ordered a kettle last week and it has not arrived yet. Could you check, please?")
                .setThreadKey("email:order-1042-" + email).build();
        publish(
                question,
                contact(Channel.EMAIL, T0.plus(Duration.ofMinutes(40))).setIdentifiers(byEmail).setDirection(Direction.OUTBOUND)
                        .setKind("EMAIL").setAgentId("maja").setSubject("Re: Where is my order 1042?")
                        .setText("Dear Ana, your parcel left our warehouse today; you will have it on Thursday.")
                        .setThreadKey("email:order-1042-" + email).build());
        // A call from a number nobody knows yet: a customer of its own, until the chat below names both.
        publish(contact(Channel.PHONE, T0.plus(Duration.ofDays(1))).setIdentifiers(byPhone).setKind("CALL_MISSED")
                .setText(null).setIntent(Intent.ORDER).build());
        awaitCustomer("phone", phone);
        publish(contact(Channel.CHAT, T0.plus(Duration.ofDays(2))).setIdentifiers(both).setAgentId("luka")
                .setText("The kettle arrived but the lid is cracked.").setIntent(Intent.COMPLAINT).build());
        awaitContacts(email, 4);

        logIn("agent");
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys("  " + email.toUpperCase() + " ");
        browser.findElement(By.id("lookup-submit")).click();

        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(driver -> rows().size() == 4);
        assertThat(browser.findElement(By.id("timeline-body")).getText())
                .contains("Where is my order 1042?", "Email", "Phone", "Chat", "Complaint", "luka", "maja");
        assertThat(browser.findElement(By.id("identifiers")).getText()).contains(email, phone);
        // The call's customer was merged into the e-mail's by the chat: the lineage says so, with its cause.
        assertThat(browser.findElements(By.cssSelector("#lineage li"))).singleElement()
                .satisfies(merge -> assertThat(merge.getText()).contains("merged into this customer", "linked by Phone " + phone));
        // The stream is open: whatever is published from now on must arrive by it.
        wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "open"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        ContactEvent order = contact(Channel.WEBSHOP, Instant.now().truncatedTo(ChronoUnit.SECONDS)).setIdentifiers(both)
                .setKind("RETURN_REQUESTED").setIntent(Intent.ORDER).setSubject("Return requested for order 1042")
                .setText("Reason: damaged on arrival").setThreadKey("order:1042").build();
        publish(order);

        try {
            wait.until(driver -> !driver.findElements(By.cssSelector("tr[data-contact-id='" + order.getContactId() + "']")).isEmpty());
            List<WebElement> rows = rows();
            assertThat(rows).hasSize(5);
            assertThat(rows.get(0).getAttribute("data-contact-id")).as("the newest contact is on top").isEqualTo(order.getContactId());
            assertThat(rows.get(0).getText()).contains("Return requested for order 1042", "Webshop", "order:1042");
            assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        } finally {
            screenshot("agent-console.png");
        }

        // The conversation behind a timeline entry, oldest first, whole texts.
        browser.findElement(By.cssSelector("tr[data-contact-id='" + question.getContactId() + "'] button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thread")));
        List<WebElement> messages = browser.findElements(By.cssSelector("#thread-items li"));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).getText()).contains("it has not arrived yet");
        assertThat(messages.get(1).getText()).contains("you will have it on Thursday", "agent maja");

        // The API documentation opens from the console, with the session (and under the console's CSP).
        browser.findElement(By.linkText("API documentation")).click();
        wait.until(driver -> driver.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .anyMatch(path -> path.getText().contains("/api/customers/{customerId}/threads/")));
    }

    /** channel.social: found by the handle, each contact showing its platform and whether the whole world read it. */
    @Test
    void anAgentFindsACustomerByTheirSocialHandleAndSeesThePlatformOfEachContact() throws IOException {
        String handle = "instagram:ana." + UUID.randomUUID().toString().substring(0, 8);
        CustomerIdentifiers byHandle = CustomerIdentifiers.newBuilder().setSocialHandle(handle).build();
        ContactEvent message = social(T0, ContactKind.SOCIAL_MESSAGE, Direction.INBOUND, "instagram", "dm-" + handle, byHandle)
                .setText("Do you ship to Croatia?").build();
        ContactEvent comment = social(T0.plus(Duration.ofHours(1)), ContactKind.SOCIAL_COMMENT, Direction.INBOUND, "instagram",
                "post-" + handle, byHandle).setText("Love the new kettles!").build();
        publish(message, comment);
        String customerId = awaitCustomer("socialHandle", handle);
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200)
                .get("items").size() == 2);

        logIn("agent");
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("socialHandle");
        browser.findElement(By.id("lookup-value")).sendKeys(handle.replace("instagram:", "Instagram:@"));
        browser.findElement(By.id("lookup-submit")).click();

        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(driver -> rows().size() == 2);
        try {
            WebElement commentRow = browser.findElement(By.cssSelector("tr[data-contact-id='" + comment.getContactId() + "']"));
            WebElement messageRow = browser.findElement(By.cssSelector("tr[data-contact-id='" + message.getContactId() + "']"));
            assertThat(commentRow.findElement(By.cssSelector(".channel.SOCIAL")).getText()).isEqualTo("Social");
            assertThat(commentRow.findElement(By.cssSelector(".contact-details")).getText()).isEqualTo("Instagram · public comment");
            assertThat(messageRow.findElement(By.cssSelector(".contact-details")).getText()).isEqualTo("Instagram · private message");
            assertThat(browser.findElement(By.id("identifiers")).getText()).contains(handle);
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", browser.findElement(By.id("timeline")));
        } finally {
            screenshot("social-contacts.png");
        }

        browser.findElement(By.cssSelector("tr[data-contact-id='" + comment.getContactId() + "'] button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thread")));
        assertThat(browser.findElement(By.cssSelector("#thread-items li .meta")).getText())
                .contains("Social", "Social comment", "Instagram · public comment");
    }

    @Test
    void anAgentSeesTheCustomersOpenTasksWithTimeLeftAndCompletesTheOverdueOne() throws IOException {
        String email = "tasks-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CustomerIdentifiers byEmail = CustomerIdentifiers.newBuilder().setEmail(email).build();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // E-mails open a REPLY due 2 h later: one is 3 h old (overdue by an hour), one just arrived.
        ContactEvent late = contact(Channel.EMAIL, now.minus(Duration.ofHours(3))).setIdentifiers(byEmail)
                .setSubject("Invoice 77 is wrong").setThreadKey("email:invoice-77-" + email).build();
        ContactEvent fresh = contact(Channel.EMAIL, now).setIdentifiers(byEmail)
                .setSubject("And my address changed").setThreadKey("email:address-" + email).build();
        publish(late, fresh);
        String customerId = awaitCustomer("email", email);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode tasks = json(mvc.get().uri("/api/tasks").param("customerId", customerId), 200).get("tasks");
            String seen = "tasks of " + customerId + " (now " + awaitCustomer("email", email) + "): " + tasks;
            assertThat(tasks.size()).as(seen).isEqualTo(2);
            assertThat(tasks.toString()).as(seen).contains("email:invoice-77-", "email:address-");
            tasks.forEach(task -> assertThat(task.get("status").asString()).as(seen).isEqualTo("OPEN"));
        });

        logIn("agent");
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();

        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(driver -> taskRows().size() == 2);
        wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "open"));
        List<WebElement> tasks = taskRows();
        try {
            // Overdue first, marked, with how late it is; the other with the time left.
            assertThat(tasks.get(0).getAttribute("class")).contains("overdue");
            assertThat(tasks.get(0).getText()).contains("Reply", "overdue by 1 h", "Email");
            assertThat(tasks.get(1).getAttribute("class")).doesNotContain("overdue");
            assertThat(tasks.get(1).getText()).containsPattern("in 1 h 5\\d min|in 2 h");
            assertThat(browser.findElement(By.id("tasks-count")).getText()).contains("2", "1 overdue");
        } finally {
            screenshot("customer-tasks.png");
        }

        String overdueTask = tasks.get(0).getAttribute("data-task-id");
        tasks.get(0).findElement(By.cssSelector("button[aria-label^='Complete']")).click();
        wait.until(driver -> taskRows().size() == 1);
        assertThat(taskRows().get(0).getAttribute("data-task-id")).isNotEqualTo(overdueTask);
        assertThat(json(mvc.get().uri("/api/tasks/{id}", overdueTask), 200).get("status").asString()).isEqualTo("COMPLETED");
    }

    /** Issue 11: a note written in the console is on the customer for the next agent, shown as typed, newest first. */
    @Test
    void anAgentWritesANoteTheNextAgentReadsFirst() throws IOException {
        String email = "note-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build())
                .setSubject("Where is my parcel?").build());
        awaitCustomer("email", email);
        String first = "Parcel lost by the courier; replacement promised for Friday.";
        String second = "Called again <b>angry</b>\nwants a supervisor";

        logIn("agent");
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notes-empty")));
        try {
            for (String note : List.of(first, second)) {
                int before = browser.findElements(By.cssSelector("#notes li")).size();
                browser.findElement(By.id("note-text")).sendKeys(note);
                browser.findElement(By.id("note-submit")).click();
                wait.until(driver -> driver.findElements(By.cssSelector("#notes li")).size() == before + 1);
            }
            assertThat(browser.findElements(By.cssSelector("#notes p.text")).stream().map(e -> (String) ((JavascriptExecutor) browser)
                    .executeScript("return arguments[0].textContent;", e)).toList()).containsExactly(second, first);
            assertThat(browser.findElements(By.cssSelector("#notes b"))).as("markup in a note stays text").isEmpty();
            assertThat(browser.findElement(By.cssSelector("#notes .author")).getText()).isEqualTo("agent");
            assertThat(browser.findElement(By.id("notes-empty")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("note-text")).getDomProperty("value")).isEmpty();
        } finally {
            screenshot("notes.png");
        }
        // The next agent (a reload) reads them first.
        browser.navigate().refresh();
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#notes li")).size() == 2);
    }

    @Test
    void anAgentShowsTheCustomerAndItsNotesAsOfAPastInstantAndBackToNow() throws IOException {
        String email = "asof-console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CustomerIdentifiers byEmail = CustomerIdentifiers.newBuilder().setEmail(email).build();
        publish(contact(Channel.EMAIL, T0).setIdentifiers(byEmail).setSubject("First question").build());
        awaitContacts(email, 1);
        // The console picks whole seconds: the instant shown is the next whole second, and the second contact comes after it.
        Instant between = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(between));
        publish(contact(Channel.EMAIL, T0.plus(Duration.ofHours(1))).setIdentifiers(byEmail).setSubject("Second question").build());
        awaitContacts(email, 2);

        logIn("agent");
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(driver -> driver.findElements(By.cssSelector("#timeline-body tr")).size() == 2);
        // A note written after the instant: not there as of it.
        browser.findElement(By.id("note-text")).sendKeys("Called twice about the same question");
        browser.findElement(By.id("note-submit")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#notes li")).size() == 1);
        try {
            // The instant in the browser's own time zone, as the datetime-local control takes it.
            ((JavascriptExecutor) browser).executeScript("""
                    const d = new Date(arguments[1]); const pad = (n) => String(n).padStart(2, '0');
                    arguments[0].value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T`
                        + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;""",
                    browser.findElement(By.id("as-of-input")), between.toString());
            browser.findElement(By.id("as-of-show")).click();
            wait.until(driver -> driver.findElements(By.cssSelector("#timeline-body tr")).size() == 1);
            assertThat(browser.findElement(By.id("as-of-banner")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("as-of-banner")).getText()).startsWith("As of");
            assertThat(browser.findElement(By.id("contact-count")).getText()).isEqualTo("1");
            assertThat(browser.findElement(By.id("live-status")).getText()).contains("paused");
            assertThat(browser.findElement(By.id("note-form")).isDisplayed()).as("nothing is written into the past").isFalse();
            wait.until(driver -> driver.findElements(By.cssSelector("#notes li")).isEmpty());
            assertThat(browser.findElement(By.id("notes-empty")).isDisplayed()).as("the note came after the instant").isTrue();
            screenshot("as-of.png");

            browser.findElement(By.id("as-of-now")).click();
            wait.until(driver -> driver.findElements(By.cssSelector("#timeline-body tr")).size() == 2);
            assertThat(browser.findElement(By.id("as-of-banner")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("contact-count")).getText()).isEqualTo("2");
            wait.until(driver -> driver.findElements(By.cssSelector("#notes li")).size() == 1);
            wait.until(driver -> "open".equals(driver.findElement(By.id("live-status")).getDomAttribute("data-state")));
        } finally {
            screenshot("as-of-now.png");
        }
    }

    /**
     * The read audit (docs/security-and-console.md): an agent's visit of a customer in the console is what a supervisor
     * then finds in the audit of that customer, endpoint by endpoint, without anything the customer wrote or is known by.
     */
    @Test
    @WithMockUser(username = "sue", roles = "SUPERVISOR")
    void aCustomerAnAgentOpensInTheConsoleIsInTheReadAuditForASupervisor() {
        String email = "audited-console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build())
                .setSubject("Where is my refund?").build());
        awaitContacts(email, 1);
        String customerId = awaitCustomer("email", email);

        logIn("agent");
        new Select(browser.findElement(By.id("lookup-type"))).selectByValue("email");
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(driver -> rows().size() == 1);
        wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "open"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode reads = json(mvc.get().uri("/api/audit/reads").param("customerId", customerId).param("actor", "agent"), 200)
                    .get("reads");
            assertThat(reads.valueStream().map(read -> read.get("endpoint").asString())).contains("GET /api/customers/lookup",
                    "GET /api/customers/{customerId}", "GET /api/customers/{customerId}/timeline",
                    "GET /api/customers/{customerId}/notes", "GET /api/tasks", "GET /api/stream");
            assertThat(reads.valueStream().map(read -> read.get("actor").asString() + " " + read.get("customerId").asString()))
                    .containsOnly("agent " + customerId);
            assertThat(reads.toString()).doesNotContainIgnoringCase(email).doesNotContain("Where is my refund?");
        });
    }

    @Test
    void opsSeesThroughputLagDeadLettersFreshnessAndSlaBreaches() throws IOException {
        String email = "ops-view-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ContactEvent late = contact(Channel.EMAIL, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3)))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build()).setThreadKey("email:ops-" + email).build();
        io.omnirouter.testing.TopicProbe.send(CONTACT_EVENTS, "ops-view-" + email,
                ("not avro at all " + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        publish(late);
        awaitCustomer("email", email);

        logIn("ops");
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        WebElement opsTab = browser.findElement(By.cssSelector(".view-tab[data-view='ops']"));
        wait.until(driver -> opsTab.isDisplayed());
        opsTab.click();
        try {
            wait.until(driver -> driver.findElement(By.id("ops-throughput")).getText().contains("Email"));
            wait.until(driver -> !driver.findElements(By.cssSelector("#ops-dlt [data-topic='" + CONTACT_EVENTS_DLT + "'] li")).isEmpty());
            wait.until(driver -> driver.findElement(By.id("ops-sla")).getText().contains("Reply"));
            assertThat(browser.findElement(By.id("ops-lag")).getText()).contains(CONTACT_EVENTS + "-0");
            assertThat(browser.findElement(By.id("ops-p99")).getText()).isNotEqualTo("—");
            assertNoSeriousAccessibilityViolations("the ops view");
        } finally {
            screenshot("ops-view.png");
        }
    }

    @Test
    void anAgentSeesTheQueuesButNotTheOpsView() {
        logIn("agent");
        assertThat(browser.findElement(By.cssSelector(".view-tab[data-view='ops']")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".view-tab[data-view='queues']")).isDisplayed()).isTrue();
    }

    private List<WebElement> taskRows() {
        return browser.findElements(By.cssSelector("#tasks-body tr"));
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#timeline-body tr"));
    }

    @Test
    void theHeaderShowsTheCustomersNameLanguageSegmentOpenTasksAndLastHandlerOnALaptopScreen() {
        String email = "header-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CustomerIdentifiers byEmail = CustomerIdentifiers.newBuilder().setEmail(email).build();
        publish(contact(Channel.EMAIL, T0).setIdentifiers(byEmail).setCustomerName("Petra Zupan").setLanguage("sl")
                        .setSubject("Damaged parcel").setIntent(Intent.COMPLAINT).build(),
                contact(Channel.WEBSHOP, T0.plus(Duration.ofMinutes(5))).setIdentifiers(byEmail).setCustomerName("Petra Zupančič")
                        .setSegment("B2B").setKind("ORDER_PLACED").build(),
                contact(Channel.PHONE, T0.plus(Duration.ofMinutes(30))).setIdentifiers(byEmail).setDirection(Direction.OUTBOUND)
                        .setKind("CALL_ANSWERED").setCallOutcome("ANSWERED").setAgentId("agent-7").setText(null).build());
        awaitContacts(email, 3);
        String customerId = awaitCustomer("email", email);
        long openTasks = json(mvc.get().uri("/api/customers/{id}", customerId), 200).get("openTaskCount").asLong();
        assertThat(openTasks).as("a complaint and the call's written summary are owed").isPositive();

        onALaptopScreen();
        logIn("agent");
        browser.findElement(By.id("lookup-value")).sendKeys(email);
        browser.findElement(By.id("lookup-submit")).click();

        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        wait.until(ExpectedConditions.textToBe(By.id("customer-name"), "Petra Zupančič"));
        assertThat(browser.findElement(By.id("customer-id")).getText()).isEqualTo(customerId);
        assertThat(browser.findElement(By.id("other-names")).getText()).isEqualTo("Petra Zupan");
        assertThat(browser.findElement(By.id("customer-language")).getText()).isEqualTo("sl");
        assertThat(browser.findElement(By.id("customer-segment")).getText()).isEqualTo("B2B");
        assertThat(browser.findElement(By.id("open-task-count")).getText()).isEqualTo(Long.toString(openTasks));
        assertThat(browser.findElement(By.id("last-handler")).getText()).startsWith("agent-7, ");
        assertThat(browser.getTitle()).startsWith("Petra Zupančič");
        // Readable at 1366×768: the name and the facts are on the first screen, and nothing makes the page scroll sideways.
        WebElement name = browser.findElement(By.id("customer-name"));
        assertThat(name.getRect().getY() + name.getRect().getHeight()).isLessThan(768);
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).isLessThanOrEqualTo(0L);
        screenshot("customer-header-1366x768.png");
        assertNoSeriousAccessibilityViolations("the customer view");
    }

    private void awaitContacts(String email, int contacts) {
        String customerId = awaitCustomer("email", email);
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200)
                .get("items").size() == contacts);
    }
}

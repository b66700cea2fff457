package io.omnirouter.history.console;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * "My work" in a real headless Chromium (issue 14, items 3 and 9): an agent claims a task from the customer's tasks,
 * finds it in My work overdue first with its time left, hands one to a colleague, gives one back to the queue and
 * completes one with a reason; a task a colleague hands over appears without a reload.
 */
class MyWorkConsoleIT extends ConsoleBrowserTest {

    @Test
    void anAgentClaimsTasksAndWorksThemFromMyWorkOverdueFirst() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Thank-you tasks fall due a day after the review: one overdue for a day, one due in 23 h, one in 20 h.
        String address = "work-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String overdue = thankYouTask(address, now.minus(Duration.ofDays(2)));
        String inADay = thankYouTask(address, now.minus(Duration.ofHours(1)));
        String inTwentyHours = thankYouTask(address, now.minus(Duration.ofHours(4)));
        String customer = awaitCustomerWithContacts("email", address, 3);
        logIn("agent");
        onALaptopScreen();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);

        browser.findElement(By.id("lookup-value")).sendKeys(address);
        browser.findElement(By.id("lookup-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("customer-id"), customer));
        for (String task : List.of(overdue, inADay, inTwentyHours)) {
            By claim = By.cssSelector("#tasks-body tr[data-task-id='" + task + "'] button[aria-label^='Claim']");
            wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
            assertThat(assigneeOf(task)).isEqualTo("agent");
        }

        browser.findElement(By.cssSelector(".view-tab[data-view='work']")).click();
        wait.until(driver -> rows().size() == 3);
        try {
            assertThat(rows()).extracting(row -> row.getAttribute("data-task-id")).as("overdue first, then by time left")
                    .containsExactly(overdue, inTwentyHours, inADay);
            assertThat(rows().get(0).getAttribute("class")).contains("overdue");
            assertThat(rows().get(0).getText()).contains("Thank you", "overdue by 24 h");
            assertThat(rows().get(1).getText()).as("due 20 h after the test began").contains("in 19 h 5");
            assertThat(browser.findElement(By.id("work-count")).getText()).isEqualTo("(3, 1 overdue)");
            assertNoSeriousAccessibilityViolations("my work");
        } finally {
            screenshot("my-work.png");
        }

        // Handed over to a colleague: no longer mine.
        action(overdue, "Hand over").click();
        WebElement colleague = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("work-colleague-" + overdue)));
        colleague.sendKeys("maja");
        browser.findElement(By.id("work-reason-" + overdue)).sendKeys("she knows the order");
        browser.findElement(By.cssSelector("tr[data-form-for='" + overdue + "'] button[type=submit]")).click();
        wait.until(driver -> rows().size() == 2);
        assertThat(browser.findElement(By.id("work-status")).getText()).contains("handed over to maja");
        assertThat(assigneeOf(overdue)).isEqualTo("maja");

        // Back to the queue: nobody's.
        action(inTwentyHours, "Back to queue").click();
        wait.until(driver -> rows().size() == 1);
        assertThat(assigneeOf(inTwentyHours)).isNull();

        // Completed with a reason.
        action(inADay, "Complete").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("work-reason-" + inADay))).sendKeys("sent the voucher");
        browser.findElement(By.cssSelector("tr[data-form-for='" + inADay + "'] button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("work-empty")));
        assertThat(json(mvc.get().uri("/api/tasks/{id}", inADay), 200).get("status").asString()).isEqualTo("COMPLETED");

        // Live: a colleague hands a task to this agent; My work shows it without a reload.
        json(mvc.post().uri("/api/tasks/{id}/assign", overdue).contentType(MediaType.APPLICATION_JSON)
                .content("{\"agent\": \"agent\", \"reason\": \"back from maja\"}"), 200);
        wait.until(driver -> rows().size() == 1);
        assertThat(rows().get(0).getAttribute("data-task-id")).isEqualTo(overdue);
    }

    @Test
    void anAgentClaimsFromTheQueuesWhichListOpenTasksSoonestDueFirstAPageAtATime() {
        // 26 reviews of 2001: their thank-you tasks are long overdue, so they lead the open tasks of every queue, and
        // are more than one page (25) of them.
        String address = "queue-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Instant first = Instant.parse("2001-03-01T09:00:00Z").plus(Duration.ofMinutes(new java.util.Random().nextInt(100_000)));
        for (int i = 0; i < 26; i++) {
            publish(contact(Channel.WEBSHOP, first.plus(Duration.ofMinutes(i))).setIdentifiers(email(address))
                    .setKind("REVIEW_SUBMITTED").setRating(5).setThreadKey("review:" + UUID.randomUUID()).build());
        }
        String customer = awaitCustomerWithContacts("email", address, 26);
        List<String> ours = new java.util.ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode tasks = json(mvc.get().uri("/api/tasks").param("customerId", customer).param("type", "THANK_YOU")
                    .param("status", "OPEN").param("limit", "100"), 200).get("tasks");
            assertThat(tasks).hasSize(26);
            ours.clear();
            tasks.valueStream().map(task -> task.get("taskId").asString()).forEach(ours::add);
        });
        logIn("agent");
        onALaptopScreen();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);

        browser.findElement(By.cssSelector(".view-tab[data-view='queues']")).click();
        wait.until(driver -> queueRows().size() == 25);
        assertThat(dueTimes()).as("soonest due first").isSorted();
        assertThat(browser.findElement(By.id("queue-caption")).getAttribute("textContent")).contains("25 of ");
        browser.findElement(By.id("queue-more")).click();
        wait.until(driver -> queueRows().size() > 25);
        assertThat(dueTimes()).as("the next page follows the first").isSorted();
        assertThat(queueRows()).extracting(row -> row.getAttribute("data-task-id")).doesNotHaveDuplicates();
        assertNoSeriousAccessibilityViolations("the queues");

        WebElement ourRow = queueRows().stream().filter(row -> ours.contains(row.getAttribute("data-task-id")))
                .findFirst().orElseThrow();
        String taskId = ourRow.getAttribute("data-task-id");
        ourRow.findElement(By.cssSelector("button[aria-label^='Claim']")).click();
        wait.until(driver -> "agent".equals(assigneeOf(taskId)));
        wait.until(driver -> browser.findElement(By.cssSelector("#queue-tasks-body tr[data-task-id='" + taskId + "']"))
                .getText().contains("agent"));
    }

    @Test
    void myWorkIsNotOfferedToOps() {
        logIn("ops");

        assertThat(browser.findElement(By.cssSelector(".view-tab[data-view='work']")).isDisplayed()).isFalse();
    }

    private List<WebElement> queueRows() {
        return browser.findElements(By.cssSelector("#queue-tasks-body tr[data-task-id]"));
    }

    private List<Instant> dueTimes() {
        return queueRows().stream().map(row -> Instant.parse(row.findElement(By.cssSelector("[data-due-at]")).getAttribute("data-due-at")))
                .toList();
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#work-body tr[data-task-id]"));
    }

    private WebElement action(String taskId, String labelStart) {
        return browser.findElement(By.cssSelector("#work-body tr[data-task-id='" + taskId + "'] button[aria-label^='" + labelStart + "']"));
    }

    private String assigneeOf(String taskId) {
        JsonNode assignee = json(mvc.get().uri("/api/tasks/{id}", taskId), 200).get("assignee");
        return assignee == null || assignee.isNull() ? null : assignee.asString();
    }

    /** A review by the customer at {@code at}: a THANK_YOU task due a day later, nobody's. Its id. */
    private String thankYouTask(String address, Instant at) {
        String thread = "review:" + UUID.randomUUID();
        publish(contact(Channel.WEBSHOP, at).setIdentifiers(email(address)).setKind("REVIEW_SUBMITTED").setRating(5)
                .setThreadKey(thread).build());
        String[] id = new String[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            // By customer: among all tasks, newest first, one created days ago may be beyond any page.
            String customer = awaitCustomer("email", address);
            JsonNode tasks = json(mvc.get().uri("/api/tasks").param("customerId", customer).param("type", "THANK_YOU"), 200).get("tasks");
            List<String> ofThread = tasks.valueStream().filter(task -> task.get("threadKey").asString().equals(thread))
                    .map(task -> task.get("taskId").asString()).toList();
            assertThat(ofThread).as("the task of review " + thread).hasSize(1);
            id[0] = ofThread.get(0);
        });
        return id[0];
    }
}

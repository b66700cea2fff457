package io.omnirouter.history.console;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * The supervisors' tools in a real headless Chromium (issue 14, items 4 and 9): undoing a merge after a preview of the
 * two customers it produces, clearing a shared identifier, and setting an absence after which a new task goes to the
 * queue instead of to the absent agent. Agents see none of them.
 */
@WithMockUser(roles = "SUPERVISOR")
class SupervisorToolsConsoleIT extends ConsoleBrowserTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2));

    @Test
    void aSupervisorUndoesAMergeAfterAPreviewOfTheTwoCustomersItProduces() {
        WrongLink link = wronglyLinkedCustomers();
        logIn("supervisor");
        onALaptopScreen();
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        openCustomer("email", link.email(), link.survivorId(), wait);

        By undo = By.cssSelector("#lineage li[data-merge-id='" + link.mergeId() + "'] button[aria-label^='Undo merge']");
        wait.until(ExpectedConditions.elementToBeClickable(undo)).click();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".unmerge-preview")));
        try {
            List<WebElement> customers = preview.findElements(By.cssSelector(".preview-customer"));
            assertThat(customers).extracting(customer -> customer.getAttribute("data-customer-id"))
                    .containsExactly(link.survivorId(), link.restoredId());
            assertThat(customers).allSatisfy(customer -> assertThat(customer.getText()).contains("2 contacts"));
            assertThat(customers.get(0).getText()).contains(link.email()).doesNotContain(link.phone());
            assertThat(customers.get(1).getText()).contains(link.phone()).doesNotContain(link.email());
            assertNoSeriousAccessibilityViolations("the unmerge preview");
        } finally {
            screenshot("unmerge-preview.png");
        }
        // The preview changed nothing.
        assertThat(profile(link.survivorId()).get("contactCount").asLong()).isEqualTo(4);

        browser.findElement(By.id("unmerge-reason-" + link.mergeId())).sendKeys("his phone on her order");
        preview.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Merge undone"));
        JsonNode survivor = profile(link.survivorId());
        assertThat(survivor.get("contactCount").asLong()).isEqualTo(2);
        assertThat(survivor.get("merges").get(0).get("undone").asBoolean()).isTrue();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contact-count"), "2"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(undo));
    }

    @Test
    void aSupervisorClearsASharedIdentifierAndItLinksAgain() {
        String token = token();
        String switchboard = "+38615" + token.substring(0, 6);
        for (int employee = 0; employee < 3; employee++) {
            publish(contact(Channel.WEBSHOP, T0.plusSeconds(60L * employee)).setIdentifiers(CustomerIdentifiers.newBuilder()
                    .setPhone(switchboard).setShopCustomerId("shop-" + token + "-" + employee).build()).build());
        }
        awaitCustomer("shopCustomerId", "shop-" + token + "-2");
        String holder = awaitCustomer("shopCustomerId", "shop-" + token + "-0");
        // The first account keeps the number, marked shared: it no longer links the others.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(profile(holder).get("identifiers").toString())
                .contains("\"type\":\"PHONE\",\"value\":\"" + switchboard + "\",\"shared\":true"));
        logIn("supervisor");
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        openCustomer("shopCustomerId", "shop-" + token + "-0", holder, wait);

        By phone = By.cssSelector("#identifiers li[data-type='PHONE']");
        wait.until(ExpectedConditions.attributeToBe(phone, "data-shared", "true"));
        browser.findElement(phone).findElement(By.cssSelector("button[aria-label^='Clear shared']")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".clear-shared")));
        assertNoSeriousAccessibilityViolations("clearing a shared identifier");
        browser.findElement(By.id("clear-reason-PHONE")).sendKeys("the holder's own line");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.attributeToBe(phone, "data-shared", "false"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("no longer marked shared");
        assertThat(profile(holder).get("identifiers").valueStream().filter(i -> i.get("type").asString().equals("PHONE"))
                .findFirst().orElseThrow().get("shared").asBoolean()).isFalse();
    }

    @Test
    void whileAnAgentIsMarkedAbsentANewTaskOfTheirCustomerGoesToTheQueue() {
        String token = token();
        String agent = "maja-" + token;
        String address = "absence-" + token + "@example.com";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Maja called the customer three hours ago: the call's written summary is suggested to her.
        publish(contact(Channel.PHONE, now.minus(Duration.ofHours(3))).setIdentifiers(email(address)).setDirection(Direction.OUTBOUND)
                .setKind("CALL_ANSWERED").setCallOutcome("ANSWERED").setAgentId(agent).setText(null).build());
        String customer = awaitCustomer("email", address);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tasks(customer, "CALL_SUMMARY")).singleElement()
                .satisfies(task -> assertThat(task.get("assignee").asString()).isEqualTo(agent)));

        logIn("supervisor");
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        WebElement tab = browser.findElement(By.cssSelector(".view-tab[data-view='absences']"));
        wait.until(driver -> tab.isDisplayed());
        tab.click();
        browser.findElement(By.id("absence-agent")).sendKeys(agent);
        localTime(By.id("absence-from"), now.minus(Duration.ofHours(1)));
        localTime(By.id("absence-until"), now.plus(Duration.ofDays(1)));
        browser.findElement(By.id("absence-reason")).sendKeys("holiday");
        browser.findElement(By.id("absence-submit")).click();
        By row = By.cssSelector("#absences-body tr[data-agent-id='" + agent + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "away now"));
        assertThat(browser.findElement(By.id("absences-status")).getText()).contains(agent + " is marked absent");
        try {
            assertNoSeriousAccessibilityViolations("the absences view");
        } finally {
            screenshot("absences.png");
        }

        // The customer calls while she is away: the callback goes to the queue, not to her.
        publish(contact(Channel.PHONE, now).setIdentifiers(email(address)).setKind("CALL_MISSED").setCallOutcome("MISSED")
                .setText(null).setQueue("phone").build());
        String[] callback = new String[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> callbacks = tasks(customer, "CALLBACK");
            assertThat(callbacks).singleElement().satisfies(task -> assertThat(task.get("assignee").isNull()).isTrue());
            callback[0] = callbacks.get(0).get("taskId").asString();
        });
        openCustomer("email", address, customer, wait);
        By callbackRow = By.cssSelector("#tasks-body tr[data-task-id='" + callback[0] + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(callbackRow));
        assertThat(browser.findElement(callbackRow).getText()).contains("Callback").doesNotContain(agent);

        // Her absence ends.
        browser.findElement(By.cssSelector(".view-tab[data-view='absences']")).click();
        click(By.cssSelector("button[aria-label='End the absence of " + agent + "']"), wait);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
        assertThat(json(mvc.get().uri("/api/absences"), 200).toString()).doesNotContain(agent);
    }

    @Test
    @WithMockUser(roles = "AGENT")
    void anAgentSeesTheLineageAndTheSharedMarkButNoneOfTheTools() {
        WrongLink link = wronglyLinkedCustomers();
        logIn("agent");
        WebDriverWait wait = new WebDriverWait(browser, BROWSER_PATIENCE);
        openCustomer("email", link.email(), link.survivorId(), wait);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lineage li[data-merge-id='" + link.mergeId() + "']")));

        assertThat(browser.findElements(By.cssSelector("#lineage button, #identifiers button"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".view-tab[data-view='absences']")).isDisplayed()).isFalse();
    }

    /** Her e-mail, his phone, and an order someone placed with both: one customer of four contacts that should be two. */
    private record WrongLink(String email, String phone, String survivorId, String restoredId, String mergeId) {
    }

    private WrongLink wronglyLinkedCustomers() {
        String token = token();
        String address = "wrong-link-" + token + "@example.com";
        String phone = "+38641" + token.substring(0, 6);
        ContactEvent mail = contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setCustomerName("Ana Novak").build();
        ContactEvent call = contact(Channel.PHONE, T0.plusSeconds(60)).setIdentifiers(CustomerIdentifiers.newBuilder()
                .setPhone(phone).build()).setCustomerName("Marko Kovač").build();
        ContactEvent order = contact(Channel.WEBSHOP, T0.plusSeconds(120)).setIdentifiers(CustomerIdentifiers.newBuilder()
                .setPhone(phone).setEmail(address).build()).build();
        ContactEvent laterCall = contact(Channel.PHONE, T0.plusSeconds(180)).setIdentifiers(CustomerIdentifiers.newBuilder()
                .setPhone(phone).build()).build();
        publish(mail, call, order, laterCall);
        String survivor = awaitCustomerWithContacts("email", address, 4);
        JsonNode merge = profile(survivor).get("merges").get(0);
        return new WrongLink(address, phone, survivor, merge.get("mergedId").asString(), merge.get("mergeId").asString());
    }

    private JsonNode profile(String customerId) {
        return json(mvc.get().uri("/api/customers/{id}", customerId), 200);
    }

    private List<JsonNode> tasks(String customerId, String type) {
        return json(mvc.get().uri("/api/tasks").param("customerId", customerId).param("type", type), 200).get("tasks")
                .valueStream().toList();
    }

    /** Sets a datetime-local field to the instant in the browser's own time zone (typing into it depends on the locale). */
    private void localTime(By field, Instant at) {
        ((JavascriptExecutor) browser).executeScript("""
                const d = new Date(arguments[1]);
                const pad = (n) => String(n).padStart(2, '0');
                arguments[0].value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
                """, browser.findElement(field), at.toString());
    }

    private static String token() {
        return String.format("%06d", new Random().nextInt(1_000_000));
    }
}

package io.omnirouter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.SocialPlatform;
import io.omnirouter.channel.SocialVisibility;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.testing.HeadlessChromium;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fifth channel end to end (docs/channels.md): a social adapter publishes to {@code channel.social}, the router and
 * the history run as processes from their jars. WhatsApp gives the customer's number, so the WhatsApp conversation
 * joins the same person's calls and e-mails; its follow-up rows open tasks and an agent's reply on the thread closes
 * them (contact-history-service/docs/follow-up-policy.md); the agent finds the person in the console, in a real Chromium.
 */
@WithRealInfrastructure
class SocialChannelStoryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private final ChannelAdapter adapter = new ChannelAdapter();

    @Test
    void aWhatsAppMessageWithTheCustomersNumberJoinsTheirEmailAndCallsAndAnAgentsReplyOnTheThreadKeepsThePromise() throws Exception {
        String person = "maja." + UUID.randomUUID().toString().substring(0, 8);
        String email = person + "@example.com";
        String phone = "+38641" + String.format("%06d", Math.floorMod(person.hashCode(), 1_000_000));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));

        adapter.publish(ContractTopic.EMAIL, "<q-" + person + "@mail>", new EmailEvent(ChannelAdapter.meta("mail-" + person, start),
                "<q-" + person + "@mail>", null, List.of(), Direction.INBOUND,
                CustomerRef.newBuilder().setEmail(email).build(), null, "My order", "Where is my order?", List.of(), null));
        // The phone adapter knows the caller's number and, from the CRM, the e-mail address the agent confirmed.
        adapter.publish(ContractTopic.PHONE, "call-" + person, new PhoneCallEvent(ChannelAdapter.meta("call-" + person, start.plusSeconds(60)),
                "call-" + person, Direction.INBOUND, CustomerRef.newBuilder().setPhone(phone).setEmail(email).build(),
                CallOutcome.ANSWERED, "agent-7", "support", 120, null, null));
        String conversation = "wa-" + person;
        adapter.publish(ContractTopic.SOCIAL, conversation, social(conversation, "wa-m1-" + person, null, Direction.INBOUND,
                start.plusSeconds(120), "38641" + phone.substring(6), phone, "Hi, can I change the delivery address?"));

        JsonNode timeline = Awaitility.await("three contacts over three channels, one customer")
                .atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> services.timelineOf("email", email), items -> items != null && items.size() == 3);
        List<String> channels = new ArrayList<>();
        timeline.forEach(item -> channels.add(item.get("channel").asText()));
        assertThat(channels).containsExactly("SOCIAL", "PHONE", "EMAIL");
        JsonNode message = timeline.get(0);
        assertThat(message.get("kind").asText()).isEqualTo("SOCIAL_MESSAGE");
        assertThat(message.get("threadKey").asText()).isEqualTo(ChannelAdapter.threadKey("social:whatsapp:" + conversation));
        assertThat(message.get("details").get("platform").asText()).isEqualTo("WHATSAPP");
        String customerId = services.lookup("email", email).get("customerId").asText();
        assertThat(services.lookup("socialHandle", "WhatsApp:" + "38641" + phone.substring(6)).get("customerId").asText()).isEqualTo(customerId);
        assertThat(services.lookup("phone", phone).get("customerId").asText()).isEqualTo(customerId);

        JsonNode reply = Awaitility.await("a REPLY for the WhatsApp message").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> taskOf(customerId, "REPLY", message.get("contactId").asText()), task -> task != null);
        assertThat(reply.get("status").asText()).isEqualTo("OPEN");
        assertThat(Duration.between(Instant.parse(message.get("occurredAt").asText()), Instant.parse(reply.get("dueAt").asText())))
                .isEqualTo(Duration.ofHours(1));

        adapter.publish(ContractTopic.SOCIAL, conversation, social(conversation, "wa-m2-" + person, "wa-m1-" + person, Direction.OUTBOUND,
                start.plusSeconds(300), "38641" + phone.substring(6), null, "Of course, send me the new address."));

        JsonNode kept = Awaitility.await("the REPLY closed by the agent's WhatsApp answer").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> taskOf(customerId, "REPLY", message.get("contactId").asText()),
                        task -> task != null && !task.get("status").asText().equals("OPEN"));
        assertThat(kept.get("status").asText()).isEqualTo("CLOSED");
        assertThat(kept.get("closedLate").asBoolean()).isFalse();

        // What the agent sees: the person found by the number as a caller says it, all four contacts, the platform shown.
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.browser();
            logIn(browser, "agent");
            new Select(browser.findElement(By.id("lookup-type"))).selectByValue("phone");
            browser.findElement(By.id("lookup-value")).sendKeys("041 " + phone.substring(6));
            browser.findElement(By.id("lookup-submit")).click();
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            try {
                wait.until(driver -> driver.findElements(By.cssSelector("#timeline-body tr")).size() == 4);
                WebElement whatsApp = browser.findElement(By.cssSelector("tr[data-contact-id='" + message.get("contactId").asText() + "']"));
                assertThat(whatsApp.findElement(By.cssSelector(".channel.SOCIAL")).getText()).isEqualTo("Social");
                assertThat(whatsApp.findElement(By.cssSelector(".contact-details")).getText()).isEqualTo("WhatsApp · private message");
                assertThat(browser.findElement(By.id("timeline-body")).getText()).contains("Phone", "Email");
            } finally {
                chromium.screenshot("social-story.png");
            }
        }
    }

    private static void logIn(WebDriver browser, String user) {
        browser.get(services.history().baseUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(services.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lookup-value")));
    }

    @Test
    void aPublicComplaintCommentNeedsAReplyInHalfAnHourAndAnOwner() throws Exception {
        String person = "igor." + UUID.randomUUID().toString().substring(0, 8);
        String post = "post-" + person;
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
        SocialMessageEvent comment = SocialMessageEvent.newBuilder()
                .setMeta(ChannelAdapter.meta("ig-" + person, at)).setPlatform(SocialPlatform.INSTAGRAM)
                .setVisibility(SocialVisibility.PUBLIC_COMMENT).setConversationId(post).setMessageId("ig-c1-" + person)
                .setDirection(Direction.INBOUND).setCustomerHandle("@" + person).setCustomer(new CustomerRef())
                .setText("This is a complaint: my parcel arrived broken and nobody answers!")
                .build();
        adapter.publish(ContractTopic.SOCIAL, post, comment);

        String handle = "instagram:" + person;
        JsonNode timeline = Awaitility.await("the comment in the timeline").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> services.timelineOf("socialHandle", handle), items -> items != null && items.size() == 1);
        JsonNode stored = timeline.get(0);
        assertThat(stored.get("kind").asText()).isEqualTo("SOCIAL_COMMENT");
        assertThat(stored.get("intent").asText()).isEqualTo("COMPLAINT");
        String customerId = services.lookup("socialHandle", handle).get("customerId").asText();
        String contactId = stored.get("contactId").asText();

        JsonNode reply = Awaitility.await("a REPLY and a COMPLAINT for the comment").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> taskOf(customerId, "COMPLAINT", contactId) == null ? null : taskOf(customerId, "REPLY", contactId),
                        task -> task != null);
        assertThat(Duration.between(at, Instant.parse(reply.get("dueAt").asText()))).isEqualTo(Duration.ofMinutes(30));
        assertThat(reply.get("status").asText()).isEqualTo("OPEN");
    }

    private static SocialMessageEvent social(String conversation, String messageId, String replyTo, Direction direction,
                                             Instant at, String whatsAppId, String phone, String text) {
        return SocialMessageEvent.newBuilder()
                .setMeta(ChannelAdapter.meta(messageId, at)).setPlatform(SocialPlatform.WHATSAPP)
                .setVisibility(SocialVisibility.PRIVATE_MESSAGE).setConversationId(conversation).setMessageId(messageId)
                .setReplyToId(replyTo).setDirection(direction).setCustomerHandle(whatsAppId)
                .setCustomer(CustomerRef.newBuilder().setPhone(phone).build())
                .setAgentId(direction == Direction.OUTBOUND ? "agent-7" : null).setText(text)
                .build();
    }

    /** The customer's task of a type triggered by a contact, or null while there is none. */
    private static JsonNode taskOf(String customerId, String type, String triggerContactId) throws IOException, InterruptedException {
        HttpResponse<String> response = services.get("/api/tasks?customerId=" + customerId + "&type=" + type);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode task : services.json().readTree(response.body()).get("tasks")) {
            if (task.get("triggerContactId").asText().equals(triggerContactId)) {
                return task;
            }
        }
        return null;
    }
}

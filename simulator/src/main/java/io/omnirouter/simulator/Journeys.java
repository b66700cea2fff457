package io.omnirouter.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.SocialPlatform;
import io.omnirouter.channel.SocialVisibility;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;

/**
 * Plans what a customer does next, as the ordered events of one journey: orders and their aftermath,
 * chats, questions by email followed by a call, chasing an unanswered email on another channel,
 * complaints, missed calls and callbacks, contact forms, abandoned carts, WhatsApp and Messenger
 * messages, public comments and reviews on Instagram and Facebook — with the agents' side (replies
 * threaded by In-Reply-To/References, acknowledgements with a promised time, callbacks, social replies
 * within the reply window or late). Every choice comes from one {@link Random}, so a seed always plans
 * the same journeys. Each event goes to its channel topic with the key the contract gives it
 * ({@link ChannelEvent#of}).
 */
final class Journeys {

    private static final String PBX = "pbx-ljubljana-1";
    private static final String MAIL_GATEWAY = "mail-gateway-1";
    private static final String CHAT_WIDGET = "chat-widget-1";
    private static final String WEB_SHOP = "webshop-1";
    private static final String WHATSAPP_GATEWAY = "whatsapp-cloud-1";
    private static final String META_GRAPH = "meta-graph-1";
    private static final String SUPPORT_MAIL_DOMAIN = "support.omnirouter.example";
    private static final int AGENTS = 12;
    private static final List<String> PBX_QUEUES = List.of("support", "orders", "complaints");
    /**
     * How soon the follow-up wants a social message answered (contact-history-service/docs/follow-up-policy.md):
     * a private message within an hour, a public complaint or bad review within half an hour.
     */
    private static final Duration PRIVATE_REPLY_WINDOW = Duration.ofHours(1);
    private static final Duration PUBLIC_REPLY_WINDOW = Duration.ofMinutes(30);
    /** The company's posts that comments go under: the latest few. */
    private static final int RECENT_POSTS = 5;
    private static final DateTimeFormatter PROMISE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Random random;
    private final List<SyntheticCustomer> customers;
    /** Shops number their orders; a random base keeps runs with different seeds from reusing numbers. */
    private long lastOrderNumber;
    private long messageCount;
    private final String facebookPageId;
    private final Posts instagramPosts;
    private final Posts facebookPosts;

    Journeys(Random random, List<SyntheticCustomer> customers) {
        this.random = random;
        this.customers = customers;
        this.lastOrderNumber = 1_000_000_000L + (random.nextLong() & 0xffffffffL) * 1000;
        this.facebookPageId = "10" + digits(13);
        this.instagramPosts = new Posts(() -> "17" + digits(16));
        this.facebookPosts = new Posts(() -> facebookPageId + "_" + digits(15));
    }

    /** The events of the next journey of a randomly chosen customer, in the order they happen. */
    Deque<Step> next() {
        SyntheticCustomer customer = customers.get(random.nextInt(customers.size()));
        List<Step> steps = new ArrayList<>();
        // Social media carry about an eighth of the events (a sixth of the journeys: they are short).
        int roll = random.nextInt(100);
        if (roll < 19) {
            order(customer, steps);
        } else if (roll < 30) {
            chat(customer, steps);
        } else if (roll < 41) {
            emailThenCall(customer, steps);
        } else if (roll < 50) {
            chaseOnAnotherChannel(customer, steps);
        } else if (roll < 60) {
            complaint(customer, steps);
        } else if (roll < 69) {
            missedCallAndCallback(customer, steps);
        } else if (roll < 74) {
            callbackAgreed(customer, steps);
        } else if (roll < 79) {
            contactForm(customer, steps);
        } else if (roll < 81) {
            steps.add(shop(customer, WebShopEventKind.CART_ABANDONED, null, amount(customer), null, null));
        } else if (roll < 84) {
            consentChange(customer, steps);
        } else if (roll < 91) {
            privateMessage(customer, whatsApp(customer), steps);
        } else if (roll < 95) {
            privateMessage(customer, messenger(customer), steps);
        } else {
            publicComment(customer, steps);
        }
        return new ArrayDeque<>(steps);
    }

    // --- journeys -------------------------------------------------------------------------------------

    /** Placed, paid, shipped, delivered, then a review or a return; or cancelled right after placing. */
    private void order(SyntheticCustomer customer, List<Step> steps) {
        String orderId = nextOrderId();
        long amount = amount(customer);
        steps.add(shop(customer, WebShopEventKind.ORDER_PLACED, orderId, amount, null, null));
        if (random.nextInt(100) < 12) {
            steps.add(shop(customer, WebShopEventKind.ORDER_CANCELLED, orderId, amount, null, null));
            return;
        }
        steps.add(shop(customer, WebShopEventKind.ORDER_PAID, orderId, amount, null, null));
        steps.add(shop(customer, WebShopEventKind.ORDER_SHIPPED, orderId, null, null, null));
        steps.add(shop(customer, WebShopEventKind.ORDER_DELIVERED, orderId, null, null, null));
        Phrasebook phrases = customer.language().phrases();
        int after = random.nextInt(100);
        if (after < 45) {
            int rating = rating();
            String review = rating >= 4 ? phrases.reviewGood() : rating == 3 ? phrases.reviewAverage() : phrases.reviewBad();
            steps.add(shop(customer, WebShopEventKind.REVIEW_SUBMITTED, orderId, null, rating, review));
        } else if (after < 60) {
            steps.add(shop(customer, WebShopEventKind.RETURN_REQUESTED, orderId, null, null, phrases.returnReason()));
        }
    }

    /** In the shop's settings: surveys and thank-you messages given or withdrawn (the follow-up respects an opt-out). */
    private void consentChange(SyntheticCustomer customer, List<Step> steps) {
        List<ConsentChange> changes = List.of(new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, random.nextInt(100) < 60),
                new ConsentChange(ConsentPurpose.THANK_YOU_MESSAGES, random.nextInt(100) < 80));
        steps.add(shop(customer, WebShopEventKind.CONSENT_CHANGED, null, null, null, null, changes));
    }

    /** Greeting, bot, maybe a transfer to an agent, the answer, the end with (or without) a rating. */
    private void chat(SyntheticCustomer customer, List<Step> steps) {
        Phrasebook phrases = customer.language().phrases();
        ChatSession session = newChatSession(customer);
        String agent = agent();
        boolean resolved = random.nextInt(100) < 75;
        steps.add(session.step(ChatEventKind.STARTED, ChatAuthor.CUSTOMER, null, null));
        steps.add(session.step(ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER, null, phrases.chatGreeting()));
        steps.add(session.step(ChatEventKind.MESSAGE, ChatAuthor.BOT, null, phrases.botGreeting()));
        steps.add(session.step(ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER, null, phrases.chatQuestion()));
        if (random.nextInt(100) < 30) {
            steps.add(session.step(ChatEventKind.TRANSFERRED, ChatAuthor.SYSTEM, agent, null));
        }
        steps.add(session.step(ChatEventKind.MESSAGE, ChatAuthor.AGENT, agent, phrases.agentChatAnswer()));
        if (resolved) {
            steps.add(session.step(ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER, null, phrases.chatThanks()));
        }
        steps.add(session.ended(agent, resolved, random.nextInt(100) < 70 ? satisfaction(resolved) : null));
    }

    /** A question by email, a call about it the same day, the agent's written summary in the email thread. */
    private void emailThenCall(SyntheticCustomer customer, List<Step> steps) {
        Phrasebook phrases = customer.language().phrases();
        String orderId = nextOrderId();
        EmailThread thread = newEmailThread(customer);
        String agent = agent();
        String subject = String.format(phrases.questionSubject(), orderId);
        steps.add(thread.inbound(subject, String.format(phrases.questionBody(), orderId), List.of()));
        steps.add(call(customer, Direction.INBOUND, CallOutcome.ANSWERED, agent, 60 + random.nextInt(540),
                "Customer asked about delivery of order " + orderId + "; agreed to confirm by email.", null));
        steps.add(thread.outbound(agent, "Re: " + subject, phrases.callSummary(), null));
    }

    /**
     * An unanswered email, then the customer chases on another channel (call or chat), then the agent
     * acknowledges with a promised time and later answers — all in the original email thread.
     */
    private void chaseOnAnotherChannel(SyntheticCustomer customer, List<Step> steps) {
        Phrasebook phrases = customer.language().phrases();
        String orderId = nextOrderId();
        EmailThread thread = newEmailThread(customer);
        String agent = agent();
        String subject = String.format(phrases.questionSubject(), orderId);
        steps.add(thread.inbound(subject, String.format(phrases.questionBody(), orderId), List.of()));
        if (random.nextBoolean()) {
            ChatSession session = newChatSession(customer);
            steps.add(session.step(ChatEventKind.STARTED, ChatAuthor.CUSTOMER, null, null));
            steps.add(session.step(ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER, null, phrases.chase()));
            steps.add(session.step(ChatEventKind.MESSAGE, ChatAuthor.AGENT, agent, phrases.agentChatAnswer()));
            steps.add(session.ended(agent, false, random.nextBoolean() ? 2 : null));
        } else {
            CallOutcome outcome = random.nextBoolean() ? CallOutcome.ANSWERED : CallOutcome.ABANDONED;
            boolean answered = outcome == CallOutcome.ANSWERED;
            steps.add(call(customer, Direction.INBOUND, outcome, answered ? agent : null, answered ? 30 + random.nextInt(200) : 0,
                    answered ? "Customer chasing an unanswered email about order " + orderId + "." : null, null));
        }
        steps.add(thread.outbound(agent, "Re: " + subject, phrases.acknowledgement(), Duration.ofHours(4 + random.nextInt(44))));
        steps.add(thread.outbound(agent, "Re: " + subject, phrases.answer(), null));
    }

    /** A complaint by email (acknowledged, then answered), by contact form, or by phone (confirmed in writing). */
    private void complaint(SyntheticCustomer customer, List<Step> steps) {
        Phrasebook phrases = customer.language().phrases();
        String orderId = nextOrderId();
        String agent = agent();
        int channel = random.nextInt(100);
        if (channel < 60) {
            EmailThread thread = newEmailThread(customer);
            String subject = String.format(phrases.complaintSubject(), orderId);
            List<String> attachments = random.nextBoolean() ? List.of("damage_" + orderId + ".jpg") : List.of();
            steps.add(thread.inbound(subject, String.format(phrases.complaintBody(), orderId), attachments));
            steps.add(thread.outbound(agent, "Re: " + subject, phrases.acknowledgement(), Duration.ofHours(24)));
            steps.add(thread.outbound(agent, "Re: " + subject, phrases.answer(), null));
        } else if (channel < 80) {
            steps.add(shop(customer, WebShopEventKind.CONTACT_FORM, null, null, null, phrases.complaintForm()));
            steps.add(newEmailThread(customer).outbound(agent, String.format(phrases.complaintSubject(), orderId),
                    phrases.answer(), null));
        } else {
            steps.add(call(customer, Direction.INBOUND, CallOutcome.ANSWERED, agent, 120 + random.nextInt(600),
                    "Complaint: order " + orderId + " arrived damaged; replacement agreed.", null));
            steps.add(newEmailThread(customer).outbound(agent, phrases.callSummarySubject(), phrases.callSummary(), null));
        }
    }

    /** Missed, abandoned or voicemail; maybe a failed first attempt; then the agent reaches the customer. */
    private void missedCallAndCallback(SyntheticCustomer customer, List<Step> steps) {
        CallOutcome[] unanswered = {CallOutcome.MISSED, CallOutcome.ABANDONED, CallOutcome.VOICEMAIL};
        String missedCallId = callId();
        steps.add(call(missedCallId, customer, Direction.INBOUND, unanswered[random.nextInt(unanswered.length)], null, 0, null, null));
        String agent = agent();
        int attempt = random.nextInt(100);
        if (attempt < 20) {
            steps.add(call(customer, Direction.OUTBOUND, CallOutcome.BUSY, agent, 0, "Callback attempt for " + missedCallId + ".", null));
        } else if (attempt < 25) {
            steps.add(call(customer, Direction.OUTBOUND, CallOutcome.FAILED, agent, 0, "Callback attempt for " + missedCallId + ".", null));
        }
        steps.add(call(customer, Direction.OUTBOUND, CallOutcome.ANSWERED, agent, 45 + random.nextInt(400),
                "Returned missed call " + missedCallId + ".", null));
    }

    /** An answered call that ends with "call me back later"; the agent calls back. */
    private void callbackAgreed(SyntheticCustomer customer, List<Step> steps) {
        String agent = agent();
        Duration callBackIn = Duration.ofHours(1 + random.nextInt(48));
        steps.add(call(customer, Direction.INBOUND, CallOutcome.ANSWERED, agent, 30 + random.nextInt(300),
                "Customer asked to be called back later.", callBackIn));
        steps.add(call(customer, Direction.OUTBOUND, CallOutcome.ANSWERED, agent, 60 + random.nextInt(400),
                "Agreed callback.", null));
    }

    /** A question through the shop's contact form, answered by email. */
    private void contactForm(SyntheticCustomer customer, List<Step> steps) {
        Phrasebook phrases = customer.language().phrases();
        steps.add(shop(customer, WebShopEventKind.CONTACT_FORM, null, null, null, phrases.formQuestion()));
        steps.add(newEmailThread(customer).outbound(agent(), "Re: " + phrases.formQuestion(), phrases.answer(), null));
    }

    /**
     * A WhatsApp or Messenger conversation: a question about an order (on WhatsApp often followed by a photo), the
     * agent's answer within the reply window or late, often the customer's thanks. WhatsApp gives the customer's own
     * phone number, so the history joins the conversation to their calls; Messenger only the page-scoped id and name.
     */
    private void privateMessage(SyntheticCustomer customer, SocialThread thread, List<Step> steps) {
        Phrasebook phrases = customer.language().phrases();
        String orderId = nextOrderId();
        steps.add(thread.inbound(String.format(phrases.socialQuestion(), orderId), List.of(), null));
        if (thread.platform == SocialPlatform.WHATSAPP && random.nextInt(100) < 30) {
            steps.add(thread.inbound(null, List.of(photoName(thread.platform)), null)
                    .after(Duration.ofSeconds(10 + random.nextInt(120))));
        }
        steps.add(thread.outbound(agent(), String.format(phrases.agentSocialAnswer(), orderId))
                .after(replyTime(PRIVATE_REPLY_WINDOW)));
        if (random.nextInt(100) < 60) {
            steps.add(thread.inbound(phrases.chatThanks(), List.of(), null).after(Duration.ofMinutes(1 + random.nextInt(20))));
        }
    }

    /**
     * A comment in public under one of the company's Instagram or Facebook posts, or a review of the Facebook page
     * with a rating: mostly a complaint (sometimes with a photo), else praise. The agent answers a complaint or a bad
     * review in public, within the reply window or late, and asks the customer to write privately, which half of them
     * do (a direct message about their order, answered privately); praise and good reviews get thanks, or nothing.
     */
    private void publicComment(SyntheticCustomer customer, List<Step> steps) {
        Phrasebook phrases = customer.language().phrases();
        boolean instagram = random.nextInt(100) < 55;
        String agent = agent();
        int what = random.nextInt(100);
        SocialThread thread;
        boolean complaint;
        if (!instagram && what < 30) {
            int rating = rating();
            String review = rating >= 4 ? phrases.reviewGood() : rating == 3 ? phrases.reviewAverage() : phrases.reviewBad();
            thread = facebookReview(customer);
            steps.add(thread.inbound(review, List.of(), rating));
            complaint = rating <= 2;
        } else {
            complaint = what < 75;
            thread = instagram ? onPost(customer, SocialPlatform.INSTAGRAM, instagramPosts.pick(), instagramHandle(customer))
                    : onPost(customer, SocialPlatform.FACEBOOK, facebookPosts.pick(), customer.pageScopedId());
            List<String> photo = complaint && random.nextInt(100) < 25 ? List.of(photoName(thread.platform)) : List.of();
            steps.add(thread.inbound(complaint ? phrases.socialComplaint() : phrases.socialPraise(), photo, null));
        }
        if (!complaint) {
            if (random.nextBoolean()) {
                steps.add(thread.outbound(agent, phrases.agentPublicThanks()).after(Duration.ofMinutes(5 + random.nextInt(240))));
            }
            return;
        }
        steps.add(thread.outbound(agent, phrases.agentPublicReply()).after(replyTime(PUBLIC_REPLY_WINDOW)));
        if (random.nextBoolean()) {
            String orderId = nextOrderId();
            SocialThread direct = instagram ? instagramDirect(customer) : messenger(customer);
            steps.add(direct.inbound(String.format(phrases.socialQuestion(), orderId), List.of(), null)
                    .after(Duration.ofMinutes(1 + random.nextInt(30))));
            steps.add(direct.outbound(agent, String.format(phrases.agentSocialAnswer(), orderId))
                    .after(replyTime(PRIVATE_REPLY_WINDOW)));
        }
    }

    // --- channels -------------------------------------------------------------------------------------

    private Step call(SyntheticCustomer customer, Direction direction, CallOutcome outcome, String agent, int durationSeconds,
                      String notes, Duration callbackIn) {
        return call(callId(), customer, direction, outcome, agent, durationSeconds, notes, callbackIn);
    }

    /** The PBX knows the number (as its trunk delivered it) and, through its CRM lookup, sometimes the name. */
    private Step call(String callId, SyntheticCustomer customer, Direction direction, CallOutcome outcome, String agent,
                      int durationSeconds, String notes, Duration callbackIn) {
        CustomerRef ref = CustomerRef.newBuilder()
                .setPhone(customer.phoneAsWritten(random))
                .setName(random.nextInt(100) < 30 ? customer.name() : null)
                .build();
        String queue = direction == Direction.INBOUND ? PBX_QUEUES.get(random.nextInt(PBX_QUEUES.size())) : null;
        return at -> ChannelEvent.of(PhoneCallEvent.newBuilder()
                .setMeta(meta(at, PBX))
                .setCallId(callId)
                .setDirection(direction)
                .setCustomer(CustomerRef.newBuilder(ref).build())
                .setOutcome(outcome)
                .setAgentId(agent)
                .setQueue(queue)
                .setDurationSeconds(durationSeconds)
                .setNotes(notes)
                .setCallbackRequestedAt(callbackIn == null ? null : at.plus(callbackIn).truncatedTo(ChronoUnit.HOURS))
                .build());
    }

    /** The shop knows its customer id and, from the account, the email, often the phone and the name. */
    private Step shop(SyntheticCustomer customer, WebShopEventKind kind, String orderId, Long amountMinor, Integer rating,
                      String text) {
        return shop(customer, kind, orderId, amountMinor, rating, text, List.of());
    }

    private Step shop(SyntheticCustomer customer, WebShopEventKind kind, String orderId, Long amountMinor, Integer rating,
                      String text, List<ConsentChange> consents) {
        CustomerRef ref = CustomerRef.newBuilder()
                .setShopCustomerId(customer.shopCustomerIdAsWritten(random))
                .setEmail(random.nextInt(100) < 90 ? customer.emailAsWritten(random) : null)
                .setPhone(random.nextInt(100) < 40 ? customer.phoneAsWritten(random) : null)
                .setName(customer.name())
                .setLanguage(customer.language().tag())
                .build();
        return at -> ChannelEvent.of(WebShopEvent.newBuilder()
                .setMeta(meta(at, WEB_SHOP))
                .setKind(kind)
                .setCustomer(CustomerRef.newBuilder(ref).build())
                .setSegment(customer.segment())
                .setOrderId(orderId)
                .setAmountMinor(amountMinor)
                .setCurrency(amountMinor == null ? null : customer.language().currency())
                .setRating(rating)
                .setText(text)
                .setConsents(consents)
                .build());
    }

    private EmailThread newEmailThread(SyntheticCustomer customer) {
        return new EmailThread(customer, customer.emailAsWritten(random));
    }

    private ChatSession newChatSession(SyntheticCustomer customer) {
        // The pre-chat form asks for an email; about half of the visitors fill it in.
        String email = random.nextBoolean() ? customer.emailAsWritten(random) : null;
        String name = random.nextBoolean() ? customer.firstName() : null;
        return new ChatSession(customer, "chat-" + hex48(), customer.chatVisitorId(random), email, name);
    }

    /**
     * One email conversation: every message after the first answers the previous one (In-Reply-To) and
     * lists the whole chain (References, root first), as mail clients do.
     */
    private final class EmailThread {

        private final SyntheticCustomer customer;
        private final String address;
        private final List<String> messageIds = new ArrayList<>();

        EmailThread(SyntheticCustomer customer, String address) {
            this.customer = customer;
            this.address = address;
        }

        Step inbound(String subject, String body, List<String> attachments) {
            String domain = customer.email().substring(customer.email().indexOf('@') + 1);
            return message(Direction.INBOUND, null, subject, body, attachments, null, domain);
        }

        /** {@code promiseIn} makes it an acknowledgement: the body names the promised time (%s). */
        Step outbound(String agent, String subject, String body, Duration promiseIn) {
            return message(Direction.OUTBOUND, agent, subject, body, List.of(), promiseIn, SUPPORT_MAIL_DOMAIN);
        }

        private Step message(Direction direction, String agent, String subject, String body, List<String> attachments,
                             Duration promiseIn, String domain) {
            String messageId = "<" + hex48() + "." + (++messageCount) + "@" + domain + ">";
            String inReplyTo = messageIds.isEmpty() ? null : messageIds.get(messageIds.size() - 1);
            List<String> references = List.copyOf(messageIds);
            messageIds.add(messageId);
            boolean inbound = direction == Direction.INBOUND;
            CustomerRef ref = CustomerRef.newBuilder()
                    .setEmail(address)
                    .setName(!inbound || random.nextInt(100) < 80 ? customer.name() : null)
                    .setLanguage(inbound && random.nextBoolean() ? null : customer.language().tag())
                    .build();
            return at -> {
                Instant promised = promiseIn == null ? null : at.plus(promiseIn).truncatedTo(ChronoUnit.MINUTES);
                return ChannelEvent.of(EmailEvent.newBuilder()
                        .setMeta(meta(at, MAIL_GATEWAY))
                        .setMessageId(messageId)
                        .setInReplyTo(inReplyTo)
                        .setReferences(new ArrayList<>(references))
                        .setDirection(direction)
                        .setCustomer(CustomerRef.newBuilder(ref).build())
                        .setAgentId(agent)
                        .setSubject(subject)
                        .setBodyText(promised == null ? body : String.format(body, PROMISE_FORMAT.format(promised)))
                        .setAttachmentNames(new ArrayList<>(attachments))
                        .setPromisedReplyBy(promised)
                        .build());
            };
        }
    }

    /** One chat session: the widget knows the visitor id, and from the pre-chat form maybe email and name. */
    private final class ChatSession {

        private final SyntheticCustomer customer;
        private final String sessionId;
        private final String visitorId;
        private final String email;
        private final String name;

        ChatSession(SyntheticCustomer customer, String sessionId, String visitorId, String email, String name) {
            this.customer = customer;
            this.sessionId = sessionId;
            this.visitorId = visitorId;
            this.email = email;
            this.name = name;
        }

        Step step(ChatEventKind kind, ChatAuthor author, String agent, String text) {
            return at -> event(at, kind, author, agent, text, null, null);
        }

        Step ended(String agent, boolean resolved, Integer satisfaction) {
            return at -> event(at, ChatEventKind.ENDED, ChatAuthor.SYSTEM, agent, null, resolved, satisfaction);
        }

        private ChannelEvent event(Instant at, ChatEventKind kind, ChatAuthor author, String agent, String text,
                                   Boolean resolved, Integer satisfaction) {
            CustomerRef ref = CustomerRef.newBuilder()
                    .setChatVisitorId(visitorId)
                    .setEmail(email)
                    .setName(name)
                    .setLanguage(customer.language().tag())
                    .build();
            return ChannelEvent.of(ChatEvent.newBuilder()
                    .setMeta(meta(at, CHAT_WIDGET))
                    .setSessionId(sessionId)
                    .setKind(kind)
                    .setAuthor(author)
                    .setCustomer(ref)
                    .setAgentId(agent)
                    .setText(text)
                    .setResolved(resolved)
                    .setSatisfaction(satisfaction)
                    .build());
        }
    }

    /** A WhatsApp conversation: WhatsApp names the customer by their number and gives the profile name they chose. */
    private SocialThread whatsApp(SyntheticCustomer customer) {
        int profile = random.nextInt(10);
        CustomerRef known = CustomerRef.newBuilder()
                .setPhone(customer.whatsAppPhone())
                .setName(profile < 6 ? customer.firstName() : profile < 9 ? customer.name() : null)
                .build();
        return new SocialThread(SocialPlatform.WHATSAPP, SocialVisibility.PRIVATE_MESSAGE, hex48() + hex48().substring(0, 8),
                customer.whatsAppId(), known);
    }

    /** A Messenger conversation with the company's page: the page-scoped id, the profile name, often the locale. */
    private SocialThread messenger(SyntheticCustomer customer) {
        return new SocialThread(SocialPlatform.MESSENGER, SocialVisibility.PRIVATE_MESSAGE, "t_" + digits(15),
                customer.pageScopedId(), facebookProfile(customer));
    }

    /** A direct message on Instagram: the username, rarely a name. */
    private SocialThread instagramDirect(SyntheticCustomer customer) {
        return new SocialThread(SocialPlatform.INSTAGRAM, SocialVisibility.PRIVATE_MESSAGE, "aWdfZAG" + hex48(),
                instagramHandle(customer), instagramProfile(customer));
    }

    /** Comments under a post: the post is the thread, shared by everyone who comments on it. */
    private SocialThread onPost(SyntheticCustomer customer, SocialPlatform platform, String postId, String handle) {
        CustomerRef known = platform == SocialPlatform.INSTAGRAM ? instagramProfile(customer) : facebookProfile(customer);
        return new SocialThread(platform, SocialVisibility.PUBLIC_COMMENT, postId, handle, known);
    }

    /** A review of the page: its own thread, answered under it. */
    private SocialThread facebookReview(SyntheticCustomer customer) {
        return new SocialThread(SocialPlatform.FACEBOOK, SocialVisibility.PUBLIC_COMMENT, facebookPageId + "_" + digits(15),
                customer.pageScopedId(), facebookProfile(customer));
    }

    private String instagramHandle(SyntheticCustomer customer) {
        return customer.instagramHandleAsWritten(random);
    }

    private CustomerRef facebookProfile(SyntheticCustomer customer) {
        return CustomerRef.newBuilder()
                .setName(customer.name())
                .setLanguage(random.nextBoolean() ? customer.language().tag() : null)
                .build();
    }

    private CustomerRef instagramProfile(SyntheticCustomer customer) {
        return CustomerRef.newBuilder().setName(random.nextInt(100) < 30 ? customer.name() : null).build();
    }

    /**
     * One social thread as the social adapter sees it: the customer's handle on the platform and what else the platform
     * knows of them. An agent's public reply goes under the comment it answers ({@code replyToId}); in a private
     * conversation an agent quotes the message now and then.
     */
    private final class SocialThread {

        private final SocialPlatform platform;
        private final SocialVisibility visibility;
        private final String conversationId;
        private final String handle;
        private final CustomerRef known;
        private String lastInboundId;

        SocialThread(SocialPlatform platform, SocialVisibility visibility, String conversationId, String handle, CustomerRef known) {
            this.platform = platform;
            this.visibility = visibility;
            this.conversationId = conversationId;
            this.handle = handle;
            this.known = known;
        }

        Step inbound(String text, List<String> attachments, Integer rating) {
            String messageId = messageId();
            lastInboundId = messageId;
            return message(messageId, null, Direction.INBOUND, null, text, attachments, rating);
        }

        Step outbound(String agent, String text) {
            boolean quoted = visibility == SocialVisibility.PUBLIC_COMMENT || random.nextInt(100) < 30;
            return message(messageId(), quoted ? lastInboundId : null, Direction.OUTBOUND, agent, text, List.of(), null);
        }

        private Step message(String messageId, String replyToId, Direction direction, String agent, String text,
                             List<String> attachments, Integer rating) {
            return at -> ChannelEvent.of(SocialMessageEvent.newBuilder()
                    .setMeta(meta(at, platform == SocialPlatform.WHATSAPP ? WHATSAPP_GATEWAY : META_GRAPH))
                    .setPlatform(platform)
                    .setVisibility(visibility)
                    .setConversationId(conversationId)
                    .setMessageId(messageId)
                    .setReplyToId(replyToId)
                    .setDirection(direction)
                    .setCustomerHandle(handle)
                    .setCustomer(CustomerRef.newBuilder(known).build())
                    .setAgentId(agent)
                    .setText(text)
                    .setAttachmentNames(new ArrayList<>(attachments))
                    .setRating(rating)
                    .build());
        }

        /** In each platform's own form: WhatsApp's wamid, Messenger's m_, Instagram's numbers, Facebook's post_comment. */
        private String messageId() {
            if (platform == SocialPlatform.WHATSAPP) {
                return "wamid.HBgL" + hex48().toUpperCase(Locale.ROOT) + hex48().toUpperCase(Locale.ROOT);
            }
            if (visibility == SocialVisibility.PRIVATE_MESSAGE) {
                return (platform == SocialPlatform.MESSENGER ? "m_" : "aWdfZAG1") + hex48() + hex48();
            }
            if (platform == SocialPlatform.INSTAGRAM) {
                return "18" + digits(15);
            }
            return conversationId.substring(conversationId.indexOf('_') + 1) + "_" + digits(15);
        }
    }

    /** The company's posts on one platform: a comment goes under one of the latest few, and now and then a new one appears. */
    private final class Posts {

        private final Supplier<String> newPostId;
        private final List<String> recent = new ArrayList<>();

        Posts(Supplier<String> newPostId) {
            this.newPostId = newPostId;
        }

        String pick() {
            if (recent.isEmpty() || random.nextInt(30) == 0) {
                recent.add(newPostId.get());
                if (recent.size() > RECENT_POSTS) {
                    recent.remove(0);
                }
            }
            return recent.get(random.nextInt(recent.size()));
        }
    }

    // --- values ---------------------------------------------------------------------------------------

    private EventMeta meta(Instant at, String source) {
        return EventMeta.newBuilder().setEventId(uuid()).setOccurredAt(at).setSource(source).build();
    }

    /** A version-4 UUID from the seeded random, so event ids repeat exactly with the seed. */
    private String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private String callId() {
        return "call-" + hex48();
    }

    private String hex48() {
        return String.format("%012x", random.nextLong() & 0xffffffffffffL);
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** As the phone's camera names it, as WhatsApp renames it. */
    private String photoName(SocialPlatform platform) {
        return (platform == SocialPlatform.WHATSAPP ? "IMG-WA" : "IMG_") + digits(4) + ".jpg";
    }

    /**
     * How long after the customer's message the agent answers: three times in four within {@code window} (one to
     * four fifths of it), else late (ten minutes to three hours after it ran out).
     */
    private Duration replyTime(Duration window) {
        if (random.nextInt(100) < 75) {
            long fifths = window.toSeconds() / 5;
            return Duration.ofSeconds(fifths + (long) (random.nextDouble() * 3 * fifths));
        }
        return window.plusMinutes(10 + random.nextInt(170));
    }

    private String nextOrderId() {
        return "ORD-" + (++lastOrderNumber);
    }

    private String agent() {
        return String.format("agent-%02d", 1 + random.nextInt(AGENTS));
    }

    /** In minor units; business customers order more. */
    private long amount(SyntheticCustomer customer) {
        long amount = 1_000 + random.nextInt(49_000);
        return customer.segment() == CustomerSegment.B2B ? amount * 20 : amount;
    }

    /** Reviews lean positive, as they do. */
    private int rating() {
        int roll = random.nextInt(100);
        return roll < 10 ? 1 : roll < 20 ? 2 : roll < 35 ? 3 : roll < 65 ? 4 : 5;
    }

    private int satisfaction(boolean resolved) {
        return resolved ? 3 + random.nextInt(3) : 1 + random.nextInt(3);
    }
}

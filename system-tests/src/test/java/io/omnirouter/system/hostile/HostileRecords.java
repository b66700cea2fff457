package io.omnirouter.system.hostile;

import io.omnirouter.testing.ByteSearch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
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
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.WireFormat;
import io.omnirouter.system.hostile.HostileCorpus.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds the records of a corpus kind from its recipe: valid events from the generated classes through our
 * {@link ConfluentAvroSerializer}, framing- and Avro-level damage as raw bytes, large values generated here.
 * Every text and id of a base event carries the kind's marker, so that a log quoting record content is found.
 */
public final class HostileRecords {

    /** The router's defaults (router-service application.yml), to know what it stores of an oversize text. */
    static final int MAX_SUBJECT_CHARS = 500;
    static final int MAX_TEXT_CHARS = 10_000;
    static final String TRUNCATION_MARKER = " … [truncated]";

    private static final HexFormat HEX = HexFormat.of();

    /** A record to publish: {@code key} and {@code value} may be null. */
    public record Outgoing(String topic, byte[] key, byte[] value) {
    }

    /**
     * A contact that must be stored, found by an identifier, with the subject and text the agent must see, and the
     * customer name and attachment names its conversation must show.
     */
    public record Expected(String lookupType, String lookupValue, String sourceEventId, String subject, String text,
                           String customerName, List<String> attachmentNames) {
    }

    /** What a kind publishes and what of it must be stored. */
    public record Built(String marker, List<Outgoing> records, List<Expected> stored) {
    }

    private final ConfluentAvroSerializer<SpecificRecord> serializer;
    private final SchemaRegistryClient registry;
    private final String run;
    private final ObjectMapper json = new ObjectMapper();

    public HostileRecords(SchemaRegistryClient registry, String run) {
        this.registry = registry;
        this.serializer = new ConfluentAvroSerializer<>(registry, true);
        this.run = run.toLowerCase(Locale.ROOT);
    }

    /** The kind's marker: lower case, so that it survives e-mail normalization. */
    public String markerOf(Kind kind) {
        return String.format(Locale.ROOT, "hx%03dq%s", kind.index(), run);
    }

    public Built build(Kind kind) {
        String marker = markerOf(kind);
        JsonNode recipe = kind.recipe();
        String generator = recipe.get("generator").asText();
        return switch (generator) {
            case "bytes" -> raw(kind, marker, recipe.has("text")
                    ? fill(recipe.get("text").asText(), marker).getBytes(StandardCharsets.UTF_8)
                    : HEX.parseHex(recipe.get("hex").asText()));
            case "tombstone" -> raw(kind, marker, null);
            case "random" -> raw(kind, marker, random(kind.topic(), recipe));
            case "tampered" -> raw(kind, marker, tampered(kind, marker, recipe));
            case "foreignRecord" -> raw(kind, marker, serializer.serialize("hostile.foreign-record",
                    CustomerRef.newBuilder().setEmail(marker + "@example.com").setName("Name " + marker).build()));
            case "event" -> event(kind, marker, recipe);
            case "newerSchema" -> newerSchema(kind, marker, recipe.get("change").asText());
            case "sameEventIdTwice" -> sameEventIdTwice(kind, marker);
            case "replyBeforeMessage" -> replyBeforeMessage(kind, marker);
            case "mergeStorm" -> mergeStorm(kind, marker, recipe.get("count").asInt());
            default -> throw new IllegalArgumentException(kind.name() + ": unknown generator " + generator);
        };
    }

    /** A valid event of the topic, carrying {@code marker} in every text and id: what follows each hostile kind. */
    public Built sentinel(String topic, String marker) {
        SpecificRecord event = base(topic, marker);
        return new Built(marker, List.of(new Outgoing(topic, key(marker), serialize(topic, event))), List.of(expected(event, "email")));
    }

    private Built raw(Kind kind, String marker, byte[] value) {
        return new Built(marker, List.of(new Outgoing(kind.topic(), key(marker), value)), List.of());
    }

    private Built event(Kind kind, String marker, JsonNode recipe) {
        String baseTopic = recipe.has("base") ? recipe.get("base").asText() : kind.topic();
        SpecificRecord event = base(baseTopic, marker);
        apply(event, recipe.get("set"), marker);
        byte[] key = switch (recipe.has("key") ? recipe.get("key").asText() : "marker") {
            case "null" -> null;
            case "huge" -> fill("{m}", marker).concat("k".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
            default -> key(marker);
        };
        byte[] value = serialize(baseTopic, event);
        List<Expected> stored = kind.expect() == HostileCorpus.Expect.DEAD_LETTER ? List.of() : List.of(expected(event, kind.lookup()));
        return new Built(marker, List.of(new Outgoing(kind.topic(), key, value)), stored);
    }

    private byte[] tampered(Kind kind, String marker, JsonNode recipe) {
        String baseTopic = recipe.has("base") ? recipe.get("base").asText() : kind.topic();
        SpecificRecord event = base(baseTopic, marker);
        apply(event, recipe.get("set"), marker);
        byte[] bytes = serialize(baseTopic, event);
        for (JsonNode edit : recipe.get("edits")) {
            bytes = edit(bytes, edit, event);
        }
        return bytes;
    }

    private static byte[] edit(byte[] bytes, JsonNode edit, SpecificRecord event) {
        String op = edit.get("op").asText();
        switch (op) {
            case "magic" -> {
                byte[] copy = bytes.clone();
                copy[0] = HEX.parseHex(edit.get("with").asText())[0];
                return copy;
            }
            case "schemaId" -> {
                byte[] copy = bytes.clone();
                ByteBuffer.wrap(copy, 1, 4).putInt(edit.get("id").asInt());
                return copy;
            }
            case "append" -> {
                return concat(bytes, tokens(edit.get("with")));
            }
            case "cut" -> {
                return Arrays.copyOf(bytes, bytes.length - edit.get("bytes").asInt());
            }
            case "replaceString", "replaceBeforeString", "replaceAfterString" -> {
                String value = (String) valueAt(event, edit.get("field").asText());
                byte[] encoded = concat(zigzag(value.getBytes(StandardCharsets.UTF_8).length), value.getBytes(StandardCharsets.UTF_8));
                int at = ByteSearch.indexOf(bytes, encoded, WireFormat.HEADER_LENGTH);
                if (at < 0) {
                    throw new IllegalStateException("the encoded " + edit.get("field").asText() + " is not in the record");
                }
                int from;
                int to;
                if (op.equals("replaceString")) {
                    from = at;
                    to = at + encoded.length;
                } else if (op.equals("replaceBeforeString")) {
                    from = at - 1;
                    to = at;
                } else {
                    from = at + encoded.length;
                    to = from + (edit.get("bytes").asText().equals("varint") ? varintLength(bytes, from) : edit.get("bytes").asInt());
                }
                return concat(concat(Arrays.copyOf(bytes, from), tokens(edit.get("with"))), Arrays.copyOfRange(bytes, to, bytes.length));
            }
            default -> throw new IllegalArgumentException("unknown edit " + op);
        }
    }

    private byte[] random(String topic, JsonNode recipe) {
        byte[] bytes = new byte[recipe.get("size").asInt()];
        new Random(recipe.get("seed").asLong()).nextBytes(bytes);
        if (recipe.get("framed").asBoolean()) {
            byte[] framed = WireFormat.frame(schemaIdOf(topic), new byte[0]);
            System.arraycopy(framed, 0, bytes, 0, framed.length);
        } else if (bytes[0] == WireFormat.MAGIC_BYTE) {
            bytes[0] = 0x7f;
        }
        return bytes;
    }

    private int schemaIdOf(String topic) {
        return ByteBuffer.wrap(serialize(topic, base(topic, "schema-probe-" + run)), 1, 4).getInt();
    }

    /** An EmailEvent written with a newer version of its schema, registered under channel.email-value. */
    private Built newerSchema(Kind kind, String marker, String change) {
        EmailEvent event = (EmailEvent) base(kind.topic(), marker);
        ObjectNode schemaJson;
        try {
            schemaJson = (ObjectNode) json.readTree(EmailEvent.getClassSchema().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode fields = (ArrayNode) schemaJson.get("fields");
        if (change.equals("extraField")) {
            ObjectNode field = fields.addObject();
            field.put("name", "mailerName");
            field.putArray("type").add("null").add("string");
            field.putNull("default");
            field.put("doc", "Added by the hostile corpus: the mail program the adapter saw.");
        } else {
            for (JsonNode field : fields) {
                if (field.get("name").asText().equals("direction")) {
                    ((ArrayNode) field.get("type").get("symbols")).add("INTERNAL");
                }
            }
        }
        Schema newer = new Schema.Parser().parse(schemaJson.toString());
        int id = registry.register(kind.topic() + "-value", newer);
        GenericRecord record = asGeneric(event, newer);
        if (change.equals("extraField")) {
            record.put("mailerName", "Mailer " + marker);
        } else {
            record.put("direction", new GenericData.EnumSymbol(newer.getField("direction").schema(), "INTERNAL"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, id);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(newer).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Expected> stored = kind.expect() == HostileCorpus.Expect.STORED ? List.of(expected(event, "email")) : List.of();
        return new Built(marker, List.of(new Outgoing(kind.topic(), key(marker), out.toByteArray())), stored);
    }

    private static GenericRecord asGeneric(SpecificRecord event, Schema newer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(event.getSchema(), SpecificData.getForClass(event.getClass())).write(event, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(event.getSchema(), newer)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Built sameEventIdTwice(Kind kind, String marker) {
        EmailEvent first = (EmailEvent) base(kind.topic(), marker);
        first.setSubject("First " + marker);
        EmailEvent second = EmailEvent.newBuilder(first).setSubject("Second " + marker).setBodyText("Other body " + marker).build();
        return new Built(marker, List.of(new Outgoing(kind.topic(), key(marker), serialize(kind.topic(), first)),
                new Outgoing(kind.topic(), key(marker), serialize(kind.topic(), second))), List.of(expected(first, "email")));
    }

    private Built replyBeforeMessage(Kind kind, String marker) {
        EmailEvent message = (EmailEvent) base(kind.topic(), marker);
        EmailEvent reply = EmailEvent.newBuilder(message)
                .setMeta(EventMeta.newBuilder(message.getMeta()).setEventId("hx-reply-" + marker)
                        .setOccurredAt(message.getMeta().getOccurredAt().plusSeconds(60)).build())
                .setMessageId("<reply-" + marker + "@hostile.example>").setInReplyTo(message.getMessageId())
                .setDirection(Direction.OUTBOUND).setAgentId("agent-7").setSubject("Re: " + message.getSubject())
                .setBodyText("Reply " + marker).build();
        return new Built(marker, List.of(new Outgoing(kind.topic(), key(marker), serialize(kind.topic(), reply)),
                new Outgoing(kind.topic(), key(marker), serialize(kind.topic(), message))),
                List.of(expected(reply, "email"), expected(message, "email")));
    }

    /** One phone number with {@code count} shop customers; the first, a middle and the last must be stored. */
    private Built mergeStorm(Kind kind, String marker, int count) {
        String switchboard = switchboardOf(marker);
        List<Outgoing> records = new ArrayList<>(count);
        List<Expected> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WebShopEvent order = (WebShopEvent) base(kind.topic(), marker);
            order.setMeta(EventMeta.newBuilder(order.getMeta()).setEventId("hx-storm-" + i + "-" + marker).build());
            order.setKind(WebShopEventKind.ORDER_PLACED);
            order.setCustomer(CustomerRef.newBuilder().setPhone(switchboard).setShopCustomerId("storm-" + i + "-" + marker)
                    .setName("Storm " + i + " " + marker).setLanguage("sl").build());
            order.setOrderId("storm-O-" + i + "-" + marker);
            order.setText("Order " + i + " " + marker);
            records.add(new Outgoing(kind.topic(), key(marker), serialize(kind.topic(), order)));
            if (i == 0 || i == count / 2 || i == count - 1) {
                stored.add(expected(order, "shopCustomerId"));
            }
        }
        return new Built(marker, records, stored);
    }

    /** The one phone number of a merge storm: a Ljubljana number unique to the kind's marker. */
    public static String switchboardOf(String marker) {
        return "+3861" + String.format(Locale.ROOT, "%07d", Math.floorMod(marker.hashCode(), 10_000_000));
    }

    private SpecificRecord base(String topic, String m) {
        EventMeta meta = new EventMeta("hx-" + m, Instant.now().minus(Duration.ofMinutes(5)), "hostile-corpus-adapter", null);
        CustomerRef.Builder customer = CustomerRef.newBuilder().setEmail(m + "@example.com").setName("Name " + m).setLanguage("en");
        return switch (topic) {
            case "channel.email" -> new EmailEvent(meta, "<" + m + "@hostile.example>", null, new ArrayList<>(), Direction.INBOUND,
                    customer.build(), null, "Subject " + m, "Body " + m, new ArrayList<>(), null);
            case "channel.chat" -> new ChatEvent(meta, "chat-" + m, ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER,
                    customer.setChatVisitorId("v-" + m).build(), null, "Chat " + m, null, null);
            case "channel.phone" -> new PhoneCallEvent(meta, "call-" + m, Direction.INBOUND, customer.build(), CallOutcome.ANSWERED,
                    "agent-7", null, 60, "Notes " + m, null);
            case "channel.webshop" -> new WebShopEvent(meta, WebShopEventKind.CONTACT_FORM, customer.setShopCustomerId("S-" + m).build(),
                    CustomerSegment.B2C, "O-" + m, 4990L, "EUR", null, "Shop " + m, List.of());
            case "channel.social" -> SocialMessageEvent.newBuilder().setMeta(meta).setPlatform(SocialPlatform.INSTAGRAM)
                    .setVisibility(SocialVisibility.PRIVATE_MESSAGE).setConversationId("conv-" + m).setMessageId("sm-" + m)
                    .setDirection(Direction.INBOUND).setCustomerHandle("@h-" + m).setCustomer(customer.build())
                    .setText("Social " + m).setAttachmentNames(new ArrayList<>()).build();
            default -> throw new IllegalArgumentException("not a channel topic: " + topic);
        };
    }

    /** Sets fields by dotted path ("customer.name"), converting the JSON value to the field's Avro type. */
    private void apply(SpecificRecord event, JsonNode set, String marker) {
        if (set == null) {
            return;
        }
        set.fields().forEachRemaining(entry -> {
            String[] path = entry.getKey().split("\\.");
            SpecificRecord target = event;
            for (int i = 0; i < path.length - 1; i++) {
                target = (SpecificRecord) target.get(target.getSchema().getField(path[i]).pos());
            }
            Schema.Field field = target.getSchema().getField(path[path.length - 1]);
            if (field == null) {
                throw new IllegalArgumentException("no field " + entry.getKey() + " in " + event.getSchema().getName());
            }
            target.put(field.pos(), convert(entry.getValue(), nonNull(field.schema()), marker));
        });
    }

    private Object convert(JsonNode value, Schema schema, String marker) {
        if (value.isNull()) {
            return null;
        }
        return switch (schema.getType()) {
            case STRING -> text(value, marker);
            case INT -> value.asInt();
            case BOOLEAN -> value.asBoolean();
            case LONG -> "timestamp-millis".equals(schema.getProp("logicalType")) || schema.getLogicalType() != null
                    ? time(value) : (Object) value.asLong();
            case ENUM -> SpecificData.get().createEnum(value.asText(), schema);
            case ARRAY -> {
                List<String> items = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(item -> items.add(text(item, marker)));
                } else {
                    int times = value.get("times").asInt();
                    for (int i = 0; i < times; i++) {
                        items.add(fill(value.get("list").asText(), marker).replace("{i}", Integer.toString(i)));
                    }
                }
                yield items;
            }
            default -> throw new IllegalArgumentException("cannot set a " + schema.getType() + " field");
        };
    }

    private static Instant time(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        String text = value.asText();
        if (text.startsWith("+") && text.endsWith("m")) {
            return Instant.now().plus(Duration.ofMinutes(Long.parseLong(text.substring(1, text.length() - 1))));
        }
        return Instant.parse(text);
    }

    /** A string value: literal (with {m}), {"repeat", "times"}, {"randomLetters", "seed"} or {"concat": [...]}. */
    private static String text(JsonNode value, String marker) {
        if (value.isTextual()) {
            return fill(value.asText(), marker);
        }
        if (value.has("repeat")) {
            return fill(value.get("repeat").asText(), marker).repeat(value.get("times").asInt());
        }
        if (value.has("randomLetters")) {
            Random random = new Random(value.get("seed").asLong());
            StringBuilder letters = new StringBuilder();
            for (int i = 0; i < value.get("randomLetters").asInt(); i++) {
                letters.append((char) ('a' + random.nextInt(26)));
            }
            return letters.toString();
        }
        StringBuilder joined = new StringBuilder();
        value.get("concat").forEach(part -> joined.append(text(part, marker)));
        return joined.toString();
    }

    private static String fill(String template, String marker) {
        return template.replace("{m}", marker);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    private static Object valueAt(SpecificRecord event, String dottedPath) {
        Object value = event;
        for (String name : dottedPath.split("\\.")) {
            SpecificRecord record = (SpecificRecord) value;
            value = record.get(record.getSchema().getField(name).pos());
        }
        return value;
    }

    /** What the agent must see of an event: its texts as the router bounds them and the history stores them. */
    private static Expected expected(SpecificRecord event, String lookupType) {
        CustomerRef customer = (CustomerRef) valueAt(event, "customer");
        String lookupValue = switch (lookupType) {
            case "email" -> customer.getEmail();
            case "shopCustomerId" -> customer.getShopCustomerId();
            case "phone" -> customer.getPhone();
            default -> customer.getChatVisitorId();
        };
        String subject = null;
        String text;
        List<String> attachments = List.of();
        if (event instanceof EmailEvent email) {
            subject = email.getSubject();
            text = email.getBodyText();
            attachments = email.getAttachmentNames().stream().map(name -> stored(name, Integer.MAX_VALUE)).toList();
        } else if (event instanceof ChatEvent chat) {
            text = chat.getText();
        } else if (event instanceof PhoneCallEvent call) {
            text = call.getNotes();
        } else if (event instanceof SocialMessageEvent social) {
            text = social.getText();
            attachments = social.getAttachmentNames().stream().map(name -> stored(name, Integer.MAX_VALUE)).toList();
        } else {
            text = ((WebShopEvent) event).getText();
        }
        return new Expected(lookupType, lookupValue, ((EventMeta) valueAt(event, "meta")).getEventId(),
                stored(subject, MAX_SUBJECT_CHARS), stored(text, MAX_TEXT_CHARS), stored(customer.getName(), Integer.MAX_VALUE),
                attachments);
    }

    /** The router cuts oversize texts with its marker (never inside a surrogate pair). */
    static String stored(String text, int limit) {
        if (text == null) {
            return null;
        }
        String bounded = text;
        if (text.length() > limit) {
            int cut = limit - TRUNCATION_MARKER.length();
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            bounded = text.substring(0, cut) + TRUNCATION_MARKER;
        }
        return bounded;
    }

    private byte[] serialize(String topic, SpecificRecord event) {
        return serializer.serialize(topic, event);
    }

    private static byte[] key(String marker) {
        return ("key-" + marker).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tokens(JsonNode with) {
        byte[] out = new byte[0];
        for (JsonNode token : with) {
            String t = token.asText();
            out = concat(out, t.startsWith("long:") ? zigzag(Long.parseLong(t.substring(5))) : HEX.parseHex(t.substring(4)));
        }
        return out;
    }

    /** Avro's long encoding: zig-zag, then 7 bits per byte, low first. */
    static byte[] zigzag(long value) {
        long n = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    private static int varintLength(byte[] bytes, int from) {
        int i = from;
        while ((bytes[i] & 0x80) != 0) {
            i++;
        }
        return i - from + 1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

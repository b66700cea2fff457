package io.omnirouter.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import io.omnirouter.channel.CustomerSegment;

/**
 * One synthetic person with every identifier the channels may know them by. The channels never see
 * these canonical values directly: they see {@link #emailAsWritten}, {@link #phoneAsWritten}, … — the
 * messy spellings the router has to normalize. All data is invented; addresses use example.* domains.
 */
record SyntheticCustomer(
        int number,
        Language language,
        String firstName,
        String lastName,
        String email,
        PhoneCountry phoneCountry,
        String phoneNumber,
        String shopCustomerId,
        List<String> chatVisitorIds,
        String pageScopedId,
        String instagramUsername,
        CustomerSegment segment) {

    private static final String[] DOMAINS = {"example.com", "example.net", "example.org"};

    String name() {
        return firstName + " " + lastName;
    }

    /** Lower-case as stored, Capitalized as typed, SHOUTED by an old system, or pasted with spaces around. */
    String emailAsWritten(Random random) {
        int style = random.nextInt(20);
        if (style < 10) {
            return email;
        }
        if (style < 15) {
            return capitalized(email);
        }
        if (style < 17) {
            return email.toUpperCase(Locale.ROOT);
        }
        return " " + capitalized(email) + " ";
    }

    String phoneAsWritten(Random random) {
        List<String> writings = phoneCountry.writings(phoneNumber);
        return writings.get(random.nextInt(writings.size()));
    }

    /** Usually as the shop stores it; sometimes copied with a stray space by an export. */
    String shopCustomerIdAsWritten(Random random) {
        return random.nextInt(10) == 0 ? shopCustomerId + " " : shopCustomerId;
    }

    /** People chat from a phone and a laptop: one visitor id (cookie) per device. */
    String chatVisitorId(Random random) {
        return chatVisitorIds.get(random.nextInt(chatVisitorIds.size()));
    }

    /** WhatsApp names a person by their phone number: the international digits, as its Business API gives them. */
    String whatsAppId() {
        return phoneCountry.internationalDigits(phoneNumber);
    }

    /** The adapter passes the E.164 number WhatsApp verified, with its '+'. */
    String whatsAppPhone() {
        return "+" + whatsAppId();
    }

    /** As the API gives it, or with the '@' of a mention. */
    String instagramHandleAsWritten(Random random) {
        return random.nextInt(4) == 0 ? "@" + instagramUsername : instagramUsername;
    }

    /** A population of distinct people: no two share an email, phone, shop id, chat visitor id or social handle. */
    static List<SyntheticCustomer> population(Random random, int size) {
        List<SyntheticCustomer> customers = new ArrayList<>(size);
        Set<String> phones = new HashSet<>();
        for (int number = 1; number <= size; number++) {
            Language language = pickLanguage(random);
            boolean female = random.nextBoolean();
            Language.Name first = pick(random, language.firstNames(female));
            Language.Name last = pick(random, language.lastNames(female));
            String email = first.ascii() + "." + last.ascii() + number + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
            PhoneCountry country = language.phoneCountry();
            String phone;
            do {
                phone = country.randomNumber(random);
            } while (!phones.add(country.name() + phone));
            List<String> visitorIds = new ArrayList<>();
            int devices = 1 + random.nextInt(2);
            for (int device = 0; device < devices; device++) {
                visitorIds.add("v-" + Long.toHexString(random.nextLong() & 0xffffffffffffL) + "-" + number + device);
            }
            // Facebook's page-scoped id of the person (Messenger and the page's comments): 16 digits.
            String pageScopedId = String.format(Locale.ROOT, "%010d%06d", (random.nextLong() & Long.MAX_VALUE) % 10_000_000_000L,
                    number);
            String instagram = instagramUsername(random, first.ascii(), last.ascii(), number);
            CustomerSegment segment = random.nextInt(10) == 0 ? CustomerSegment.B2B : CustomerSegment.B2C;
            customers.add(new SyntheticCustomer(number, language, first.written(), last.written(), email, country, phone,
                    "C" + (100000 + number), List.copyOf(visitorIds), pageScopedId, instagram, segment));
        }
        return List.copyOf(customers);
    }

    /** Weighted towards the home market (Slovenia). */
    private static Language pickLanguage(Random random) {
        int roll = random.nextInt(100);
        if (roll < 40) {
            return Language.SL;
        }
        if (roll < 60) {
            return Language.EN;
        }
        if (roll < 75) {
            return Language.TR;
        }
        if (roll < 90) {
            return Language.RU;
        }
        return Language.TH;
    }

    /** "ana.novak7", "novak_ana7", "ana_n7": lower case, as Instagram keeps usernames; the number keeps them distinct. */
    private static String instagramUsername(Random random, String first, String last, int number) {
        int style = random.nextInt(3);
        String name = style == 0 ? first + "." + last : style == 1 ? last + "_" + first : first + "_" + last.charAt(0);
        return name.toLowerCase(Locale.ROOT) + number;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** "ana.novak7@example.com" → "Ana.Novak7@Example.com". */
    private static String capitalized(String email) {
        StringBuilder out = new StringBuilder(email.length());
        boolean startOfWord = true;
        for (char c : email.toCharArray()) {
            out.append(startOfWord ? Character.toUpperCase(c) : c);
            startOfWord = c == '.' || c == '@';
        }
        return out.toString();
    }
}

package io.omnirouter.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mobile numbers of the customers' countries and the ways people write them. Slovenia is "home": the
 * local stack's router reads national numbers in region SI, so only Slovenian numbers are also written
 * nationally ("041 123 456"); foreign ones always carry their country code ("+90 …" or "0090 …").
 */
enum PhoneCountry {

    SI("386", "0", new int[] {2, 3, 3}, List.of("30", "31", "40", "41", "51", "64", "65", "68", "69", "70", "71"), 6),
    /** 07700 900xxx is Ofcom's range reserved for fiction: never a real subscriber. */
    GB("44", "0", new int[] {4, 6}, List.of("7700900"), 3),
    TR("90", "0", new int[] {3, 3, 2, 2}, List.of("530", "532", "533", "535", "541", "542", "505", "506"), 7),
    RU("7", "8", new int[] {3, 3, 2, 2}, List.of("903", "912", "915", "916", "921", "926"), 7),
    TH("66", "0", new int[] {2, 3, 4}, List.of("81", "82", "86", "89", "91", "94", "95"), 7);

    private static final PhoneCountry HOME = SI;

    private final String countryCode;
    private final String trunkPrefix;
    private final int[] groups;
    private final List<String> mobilePrefixes;
    private final int subscriberDigits;

    PhoneCountry(String countryCode, String trunkPrefix, int[] groups, List<String> mobilePrefixes, int subscriberDigits) {
        this.countryCode = countryCode;
        this.trunkPrefix = trunkPrefix;
        this.groups = groups;
        this.mobilePrefixes = mobilePrefixes;
        this.subscriberDigits = subscriberDigits;
    }

    /** A national significant number (no trunk prefix, no country code), e.g. "41123456". */
    String randomNumber(Random random) {
        StringBuilder number = new StringBuilder(mobilePrefixes.get(random.nextInt(mobilePrefixes.size())));
        for (int i = 0; i < subscriberDigits; i++) {
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }

    /** The E.164 number without its '+' ("38641123456"): how WhatsApp names an account (its wa_id). */
    String internationalDigits(String number) {
        return countryCode + number;
    }

    /** The same number as people, PBXs and web forms write it; every one normalizes to one E.164 number. */
    List<String> writings(String number) {
        String spaced = grouped(number, " ");
        String dashed = grouped(number, "-");
        List<String> writings = new ArrayList<>(List.of(
                "+" + countryCode + " " + spaced,                 // +386 41 123 456
                "+" + countryCode + number,                        // +38641123456
                "00" + countryCode + " " + spaced,                 // 00386 41 123 456
                "00" + countryCode + "-" + dashed,                 // 00386-41-123-456
                " +" + countryCode + " " + spaced + " "));         // pasted with spaces around
        if (this == HOME) {
            String[] parts = spaced.split(" ");
            writings.add(trunkPrefix + spaced);                                          // 041 123 456
            writings.add(trunkPrefix + number);                                          // 041123456
            writings.add("(" + trunkPrefix + parts[0] + ") " + parts[1] + "-" + parts[2]); // (041) 123-456
            writings.add(trunkPrefix + parts[0] + "/" + parts[1] + "-" + parts[2]);      // 041/123-456
        }
        return writings;
    }

    private String grouped(String number, String separator) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        for (int i = 0; i < groups.length; i++) {
            int end = i == groups.length - 1 ? number.length() : Math.min(number.length(), position + groups[i]);
            if (i > 0) {
                out.append(separator);
            }
            out.append(number, position, end);
            position = end;
        }
        return out.toString();
    }
}

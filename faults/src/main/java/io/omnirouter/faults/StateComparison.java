package io.omnirouter.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The determinism promise under faults: the history derived from the same log must be the same, however often its
 * services were killed on the way. Compares two {@link HistoryDatabase#snapshot()}s table by table, row by row (by
 * key), column by column.
 *
 * @param divergences per table that differs: what differs, with a few examples
 */
record StateComparison(Map<String, Divergence> divergences) {

    private static final int EXAMPLES = 5;

    /**
     * @param onlyInReference rows (by key) the reference run has and the run under faults has not
     * @param onlyUnderFaults rows the other way round
     * @param different       rows both have, with other values
     * @param differingColumns per column, how many rows differ in it
     * @param examples        a few of them: the key and, per differing column, reference → under faults
     */
    record Divergence(int onlyInReference, int onlyUnderFaults, int different, Map<String, Integer> differingColumns,
                      List<String> examples) {
    }

    StateComparison {
        divergences = Map.copyOf(divergences);
    }

    static StateComparison compare(Map<String, Map<String, Map<String, String>>> reference,
                                   Map<String, Map<String, Map<String, String>>> underFaults) {
        Map<String, Divergence> divergences = new LinkedHashMap<>();
        for (String table : reference.keySet()) {
            Map<String, Map<String, String>> expected = reference.get(table);
            Map<String, Map<String, String>> actual = underFaults.getOrDefault(table, Map.of());
            int onlyReference = 0;
            int onlyFaults = 0;
            int different = 0;
            Map<String, Integer> columns = new LinkedHashMap<>();
            List<String> examples = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> row : expected.entrySet()) {
                Map<String, String> other = actual.get(row.getKey());
                if (other == null) {
                    onlyReference++;
                    example(examples, row.getKey() + ": only in the reference");
                } else if (!other.equals(row.getValue())) {
                    different++;
                    StringJoiner changes = new StringJoiner("; ");
                    for (Map.Entry<String, String> column : row.getValue().entrySet()) {
                        String value = other.get(column.getKey());
                        if (!Objects.equals(column.getValue(), value)) {
                            columns.merge(column.getKey(), 1, Integer::sum);
                            changes.add(column.getKey() + " " + column.getValue() + " -> " + value);
                        }
                    }
                    example(examples, row.getKey() + ": " + changes);
                }
            }
            for (String key : actual.keySet()) {
                if (!expected.containsKey(key)) {
                    onlyFaults++;
                    example(examples, key + ": only under faults");
                }
            }
            if (onlyReference > 0 || onlyFaults > 0 || different > 0) {
                divergences.put(table, new Divergence(onlyReference, onlyFaults, different, columns, examples));
            }
        }
        return new StateComparison(divergences);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }

    boolean equal() {
        return divergences.isEmpty();
    }
}

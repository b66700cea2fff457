package io.omnirouter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lag", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class,
        description = {"Consumer lag per consumer group and partition: the committed offset, the end offset "
                + "(last stable offset, as read_committed consumers see it) and their difference."},
        footer = {"",
                "Examples:",
                "  omnirouter cli lag",
                "  omnirouter cli lag --group router-service --group contact-history-service"})
final class LagCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-g", "--group"}, paramLabel = "<group>", description = "Only this consumer group (repeatable).")
    List<String> groups;

    /** One row of the table; {@code lag} is never negative. */
    record Row(String group, String state, TopicPartition partition, long committed, long end) {

        long lag() {
            return Math.max(0, end - committed);
        }
    }

    @Override
    public Integer call() {
        OmnirouterCli root = OmnirouterCli.root(spec);
        KafkaClients kafka = KafkaClients.of(root);
        PrintWriter out = spec.commandLine().getOut();
        Admin admin = kafka.connectedAdmin();
        try {
            ListGroupsOptions options = ListGroupsOptions.forConsumerGroups();
            options.timeoutMs((int) kafka.timeout().toMillis());
            Collection<GroupListing> listed = kafka.await(admin.listGroups(options).all(), "list consumer groups");
            Map<String, String> states = new TreeMap<>();
            listed.forEach(g -> states.put(g.groupId(), g.groupState().map(Object::toString).orElse("-")));
            if (groups != null && !groups.isEmpty()) {
                List<String> unknown = groups.stream().filter(g -> !states.containsKey(g)).toList();
                if (!unknown.isEmpty()) {
                    throw new CliException("unknown consumer group" + (unknown.size() == 1 ? " '" + unknown.get(0) + "'"
                            : "s " + unknown) + "; known: " + (states.isEmpty() ? "(none)" : String.join(", ", states.keySet())));
                }
                states.keySet().retainAll(groups);
            }
            if (states.isEmpty()) {
                out.println("no consumer groups on Kafka at " + kafka.bootstrapServers());
                return ExitCodes.OK;
            }
            List<Row> rows = new ArrayList<>();
            List<String> withoutOffsets = new ArrayList<>();
            for (Map.Entry<String, String> group : states.entrySet()) {
                Map<TopicPartition, Long> committed = DlqCommand.committedOffsets(kafka, admin, group.getKey());
                if (committed.isEmpty()) {
                    withoutOffsets.add(group.getKey());
                    continue;
                }
                List<TopicPartition> partitions = new ArrayList<>(committed.keySet());
                Map<TopicPartition, Long> end = kafka.offsets(admin, partitions, OffsetSpec.latest());
                for (TopicPartition p : partitions) {
                    rows.add(new Row(group.getKey(), group.getValue(), p, committed.get(p), end.getOrDefault(p, committed.get(p))));
                }
            }
            out.print(render(rows));
            for (String group : withoutOffsets) {
                out.println(group + ": no committed offsets");
            }
            out.flush();
            return ExitCodes.OK;
        } finally {
            KafkaClients.close(admin);
        }
    }

    /** The table, sorted by group, topic, partition, with a total line per group that has more than one row. */
    static String render(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::group)
                .thenComparing(r -> r.partition().topic())
                .thenComparingInt(r -> r.partition().partition()));
        TextTable table = new TextTable("GROUP", "STATE", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG").numeric(3, 4, 5, 6);
        Map<String, long[]> totals = new TreeMap<>();
        for (Row r : sorted) {
            table.row(r.group(), r.state(), r.partition().topic(), r.partition().partition(), r.committed(), r.end(), r.lag());
            long[] total = totals.computeIfAbsent(r.group(), g -> new long[2]);
            total[0] += r.lag();
            total[1]++;
        }
        StringBuilder out = new StringBuilder(table.isEmpty() ? "" : table.render());
        totals.forEach((group, total) -> {
            if (total[1] > 1) {
                out.append(group).append(": total lag ").append(total[0]).append(" over ").append(total[1])
                        .append(" partitions").append(System.lineSeparator());
            }
        });
        return out.toString();
    }
}

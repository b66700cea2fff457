package io.omnirouter.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.omnirouter.local.LocalStack;
import io.omnirouter.schemas.ContractTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Plays a {@link FaultSchedule} on a running {@link LocalStack}: waits each fault's gap, injects it on the real
 * processes, waits its outage, heals it. Between faults it also restarts any part that died without being told
 * to (a service that gave up while the brokers or the database were away): such an exit is a finding of its own,
 * reported, not hidden.
 */
final class FaultInjector implements AutoCloseable {

    /** A fault as it happened: what was hit, when it began and when it was healed. */
    record Injected(Fault fault, String part, Instant startedAt, Instant healedAt) {
    }

    /** A part found dead that no fault had stopped, and when. */
    record UnexpectedExit(String part, Instant foundAt, String lastLines) {
    }

    private final LocalStack stack;
    private final PrintStream out;
    private final Instant runStart;
    private final Admin admin;
    private final Set<String> down = new HashSet<>();
    private final List<Injected> injected = new ArrayList<>();
    private final List<UnexpectedExit> unexpectedExits = new ArrayList<>();

    FaultInjector(LocalStack stack, PrintStream out, Instant runStart) {
        this.stack = stack;
        this.out = out;
        this.runStart = runStart;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "omnirouter-fault-injector",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    void play(FaultSchedule schedule) {
        for (Fault fault : schedule.faults()) {
            pause(fault.gapBefore());
            restartUnexpectedExits();
            inject(fault);
        }
        restartUnexpectedExits();
    }

    List<Injected> injected() {
        return List.copyOf(injected);
    }

    List<UnexpectedExit> unexpectedExits() {
        return List.copyOf(unexpectedExits);
    }

    private void inject(Fault fault) {
        Instant start = Instant.now();
        String part = switch (fault.kind()) {
            case ROUTER_KILL, HISTORY_KILL -> {
                String victim = instance(fault);
                outage(victim, () -> stack.kill(victim), fault.outage(), () -> stack.restart(victim));
                yield victim;
            }
            case SERVICE_PAUSE -> {
                String victim = instance(fault);
                outage(victim, () -> stack.pause(victim), fault.outage(), () -> stack.resume(victim));
                yield victim;
            }
            case REBALANCE -> {
                String victim = instance(fault);
                outage(victim, () -> stack.stop(victim), fault.outage(), () -> stack.restart(victim));
                yield victim;
            }
            case LEADER_BROKER_KILL -> {
                String leader = brokerLeadingMostPartitions();
                outage(leader, () -> stack.kill(leader), fault.outage(), () -> stack.restart(leader));
                yield leader;
            }
            case ALL_BROKERS_DOWN -> {
                List<String> brokers = stack.brokers();
                down.addAll(brokers);
                brokers.forEach(stack::kill);
                pause(fault.outage());
                brokers.forEach(stack::restart);
                down.removeAll(brokers);
                yield String.join(",", brokers);
            }
            case POSTGRES_CRASH -> {
                stack.crashPostgres();
                pause(fault.outage());
                stack.startPostgres();
                yield "postgres";
            }
            case REGISTRY_DOWN -> {
                outage(LocalStack.REGISTRY, () -> stack.kill(LocalStack.REGISTRY), fault.outage(),
                        () -> stack.restart(LocalStack.REGISTRY));
                yield LocalStack.REGISTRY;
            }
        };
        Instant healed = Instant.now();
        injected.add(new Injected(fault, part, start, healed));
        out.printf(Locale.ROOT, "  [%5d s] fault %3d %-18s %-28s healed after %3d s%n", Duration.between(runStart, start).toSeconds(),
                fault.number(), fault.kind().key(), part, Duration.between(start, healed).toSeconds());
    }

    private void outage(String part, Runnable hit, Duration outage, Runnable heal) {
        down.add(part);
        hit.run();
        pause(outage);
        heal.run();
        down.remove(part);
    }

    /** The planned instance, or another of the same service if that one is not running (still starting, say). */
    private String instance(Fault fault) {
        List<String> instances = LocalStack.ROUTER.equals(fault.service()) ? stack.routers() : stack.histories();
        String planned = instances.get((fault.instance() - 1) % instances.size());
        if (stack.isRunning(planned)) {
            return planned;
        }
        return instances.stream().filter(stack::isRunning).findFirst().orElse(planned);
    }

    /** The broker that leads most partitions of the topics the pipeline uses now. */
    private String brokerLeadingMostPartitions() {
        List<String> topics = Stream.concat(Stream.of(ContractTopic.channels()), Stream.of(ContractTopic.CONTACT_EVENTS))
                .map(ContractTopic::topic).toList();
        Map<Integer, Integer> led = new HashMap<>();
        try {
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.leader() != null) {
                        led.merge(partition.leader().id(), 1, Integer::sum);
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            out.println("  (could not ask for the partition leaders: " + e + "; killing the first broker)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int node = led.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(1);
        return stack.brokers().get(Math.min(node, stack.brokers().size()) - 1);
    }

    /** Restarts what died on its own; each such exit is reported. */
    void restartUnexpectedExits() {
        List<String> parts = new ArrayList<>(stack.brokers());
        parts.add(LocalStack.REGISTRY);
        parts.addAll(stack.routers());
        parts.addAll(stack.histories());
        for (String part : parts) {
            if (!down.contains(part) && !stack.isRunning(part)) {
                unexpectedExits.add(new UnexpectedExit(part, Instant.now(), stack.lastLines(part, 15)));
                out.printf(Locale.ROOT, "  [%5d s] %s exited by itself; restarting it (see %s)%n",
                        Duration.between(runStart, Instant.now()).toSeconds(), part, stack.logFile(part));
                stack.restart(part);
            }
        }
        if (!stack.postgresRunning()) {
            unexpectedExits.add(new UnexpectedExit("postgres", Instant.now(), ""));
            stack.startPostgres();
        }
    }

    /**
     * Waits, as the schedule says; an interrupt ends the run. A plain sleep on purpose: an outage or a gap of traffic
     * lasts a set time, there is no condition to wait for.
     */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

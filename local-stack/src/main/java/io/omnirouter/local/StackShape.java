package io.omnirouter.local;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How many Kafka brokers and how many instances of each service the stack runs. {@code up} defaults to one
 * broker and one instance of each, the shape of a laptop; {@code --brokers 3 --instances 2} is the shape of a
 * production deployment (and of the fault harness): every replication factor 3 and {@code min.insync.replicas}
 * 2, so that one broker may be lost without losing an acknowledged write or stopping the producers.
 *
 * @param brokers   KRaft nodes, each broker and controller at once (1 to 5; a quorum of 2 or 4 tolerates no
 *                  more failures than one of 1 or 3, so 1, 3 or 5 are the sensible choices)
 * @param instances instances of router-service and of contact-history-service each (1 to 4)
 */
public record StackShape(int brokers, int instances) {

    public static final StackShape LAPTOP = new StackShape(1, 1);
    public static final StackShape PRODUCTION_LIKE = new StackShape(3, 2);
    static final int MAX_BROKERS = 5;
    static final int MAX_INSTANCES = 4;

    public StackShape {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new StackException("--brokers must be between 1 and " + MAX_BROKERS + ", was " + brokers);
        }
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new StackException("--instances must be between 1 and " + MAX_INSTANCES + ", was " + instances);
        }
    }

    /** {@code kafka} when it is the only broker, {@code kafka-<node>} (1-based) in a cluster: its log and pid file names. */
    public String brokerName(int node) {
        return brokers == 1 ? "kafka" : "kafka-" + node;
    }

    /** Every broker's name, node 1 first. */
    public List<String> brokerNames() {
        return IntStream.rangeClosed(1, brokers).mapToObj(this::brokerName).toList();
    }

    /** {@code router-service} when it is the only instance, {@code router-service-<n>} (1-based) among several. */
    public String instanceName(String service, int instance) {
        return instances == 1 ? service : service + "-" + instance;
    }

    /** The names of every instance of {@code service}, instance 1 first. */
    public List<String> instanceNames(String service) {
        return IntStream.rangeClosed(1, instances).mapToObj(instance -> instanceName(service, instance)).toList();
    }

    /** Copies of every partition, internal topics included: up to three, never more than there are brokers. */
    public int replicationFactor() {
        return Math.min(3, brokers);
    }

    /** Replicas that must have a write before it is acknowledged: all but one, once there are three copies. */
    public int minInsyncReplicas() {
        return replicationFactor() >= 3 ? replicationFactor() - 1 : 1;
    }
}

package io.omnirouter.schemas;

import org.apache.avro.Schema;

/** A topic whose values are Avro of one schema, under the registry subject {@code <topic>-value} (topic-name strategy). */
public interface TopicValues {

    String topic();

    Schema valueSchema();

    default String valueSubject() {
        return topic() + "-value";
    }
}

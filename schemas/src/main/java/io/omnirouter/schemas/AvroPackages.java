package io.omnirouter.schemas;

/**
 * The packages of the contract's generated classes. Avro 1.12 instantiates only classes of the packages named by the
 * system property {@code org.apache.avro.SERIALIZABLE_PACKAGES}, which it reads once, at its first use: every program
 * that reads our records sets it to {@link #SERIALIZABLE} first. A constant and nothing else, so that reading it does
 * not load Avro. The root pom's {@code avro.serializable.packages} (the tests' JVMs) must be the same
 * ({@code AvroPackagesTest}).
 */
public final class AvroPackages {

    public static final String SERIALIZABLE = "io.omnirouter.channel,io.omnirouter.contact,io.omnirouter.followup,io.omnirouter.action";
    public static final String SYSTEM_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private AvroPackages() {
    }
}

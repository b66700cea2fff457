package io.omnirouter.local;

/** A child JVM that does nothing for a minute: a stand-in for a part of the stack in tests. */
public final class Idle {

    private Idle() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(60_000);
    }
}

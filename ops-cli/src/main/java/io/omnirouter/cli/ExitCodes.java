package io.omnirouter.cli;

/** The CLI's exit codes. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The command ran and failed: unreachable broker or registry, invalid input file, unknown topic… */
    public static final int FAILURE = 1;
    /** The command line itself is wrong: unknown option, missing parameter. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}

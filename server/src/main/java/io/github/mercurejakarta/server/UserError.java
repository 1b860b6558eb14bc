package io.github.mercurejakarta.server;

/**
 * A problem the user can fix (a wrong setting, a port in use): {@link MercureCli} prints its message as
 * one line on stderr and exits with {@link #exitCode()}, without a stack trace.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A configuration value is wrong or missing (the message names the key): like a usage error. */
    static final int BAD_CONFIGURATION = 2;
    /** The hub could not start for a reason outside its configuration values (e.g. the port is taken). */
    static final int CANNOT_START = 1;

    private final int exitCode;

    UserError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}

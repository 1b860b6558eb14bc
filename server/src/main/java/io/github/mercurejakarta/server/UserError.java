package io.github.mercurejakarta.server;

/**
 * A problem the user can fix (a wrong setting, a port in use, a hub that is down or refuses a token): the {@code mercure} command prints its message as
 * one line on stderr and exits with {@link #exitCode()}, without a stack trace.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A configuration value is wrong or missing (the message names the key): like a usage error. */
    public static final int BAD_CONFIGURATION = 2;
    /** The hub could not start for a reason outside its configuration values (e.g. the port is taken). */
    public static final int CANNOT_START = 1;
    /** Bad usage of a command (missing secret, malformed value): the same code picocli gives a mistyped option. */
    public static final int USAGE = 2;
    /** The task failed outside the user's input: the hub is down, refused the request, or ended the stream. */
    public static final int FAILED = 1;

    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

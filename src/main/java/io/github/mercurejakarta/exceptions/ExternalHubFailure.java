package io.github.mercurejakarta.exceptions;

import java.util.Optional;

/**
 * A failure that an external hub reported, or of reaching it: implemented by every exception that
 * publishing to (or reading the subscriptions of) a hub named by {@code mercure.hub.url} throws, whatever
 * family it is in, so that the hub's answer can be logged in one place.
 *
 * <pre>{@code
 * catch (MercureException e) {
 *     if (e instanceof ExternalHubFailure f) {
 *         log.warn(f.hubUrl() + " answered " + f.status() + ": " + f.hubMessage().orElse("(nothing)"));
 *     }
 * }
 * }</pre>
 */
public interface ExternalHubFailure {

    /** @return what the hub answered (status 0 and no message when it did not answer): {@code e.answer().status()} */
    Answer answer();

    /**
     * @return the URL of the hub that failed, e.g. {@code https://hub.example.com/.well-known/mercure}:
     *     {@code log.warn("hub " + e.hubUrl() + " is down")}
     */
    default String hubUrl() {
        return answer().hubUrl();
    }

    /** @return the HTTP status the hub answered, or 0 when no answer came (unreachable, timeout): {@code e.status() == 503} */
    default int status() {
        return answer().status();
    }

    /** @return what the hub said in its answer's body, when it said anything: {@code e.hubMessage().orElse("")} */
    default Optional<String> hubMessage() {
        return Optional.ofNullable(answer().message()).filter(m -> !m.isEmpty());
    }

    /**
     * The hub's answer.
     *
     * <pre>{@code new ExternalHubFailure.Answer("https://hub.example.com/.well-known/mercure", 503, "Redis is down")}</pre>
     *
     * @param hubUrl  the hub's URL
     * @param status  the HTTP status, 0 when there was no answer
     * @param message the body of the answer (trimmed, capped), or null
     */
    record Answer(String hubUrl, int status, String message) implements java.io.Serializable {
    }
}

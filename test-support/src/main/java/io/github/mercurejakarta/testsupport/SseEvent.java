package io.github.mercurejakarta.testsupport;

/**
 * One dispatched server-sent event, as an EventSource would see it.
 *
 * @param id    the value of the {@code id} field given <em>in this event's block</em>, or {@code null}
 *              when the block had none (an {@code id} containing U+0000 is ignored, as in the spec).
 *              The spec's sticky "last event ID" is {@link SseParser#lastEventId()} /
 *              {@link SseClient#lastEventId()}.
 * @param event the value of the {@code event} field, or {@code null} when the block had none
 *              ({@link #type()} gives the EventSource type, defaulting to {@code message})
 * @param data  the data lines joined with {@code \n} (no trailing newline); {@code ""} for a
 *              {@code data} field with an empty value
 * @param retry the value of a valid (all ASCII digits) {@code retry} field in this block, or {@code null}
 */
public record SseEvent(String id, String event, String data, Long retry) {

    /** @return the EventSource event type: {@link #event()}, or {@code "message"} when absent or empty. */
    public String type() {
        return event == null || event.isEmpty() ? "message" : event;
    }
}

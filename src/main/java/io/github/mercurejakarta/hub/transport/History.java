package io.github.mercurejakarta.hub.transport;


import java.util.List;

/**
 * The answer to a history query.
 *
 * @param cursorFound  true when the requested id was found (replay starts right after it)
 * @param updates      the updates after the cursor, oldest first
 * @param lastPosition the position covered by this answer: the last update's, or the cursor's when
 *                     nothing follows it, or -1 when nothing is kept. Live updates at or below it were
 *                     already part of the answer.
 */
public record History(boolean cursorFound, List<EncodedUpdate> updates, long lastPosition) {
}

package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.exceptions.InvalidUpdateException;

/**
 * The rules every published update obeys, whoever publishes it (HTTP or in-process): field
 * characters ({@link FieldRules}), the reserved namespace ({@link ReservedTopics}) and the topic cap.
 */
public final class UpdateRules {

    private UpdateRules() {
    }

    /** @throws InvalidUpdateException naming the broken rule */
    public static void check(Update update, int maxTopics) {
        if (update.topics().size() > maxTopics) {
            throw new InvalidUpdateException("too many topics: " + update.topics().size() + " (at most " + maxTopics + ")");
        }
        try {
            for (String t : update.topics()) {
                FieldRules.checkTopic(t);
                if (ReservedTopics.isReserved(t)) {
                    throw new InvalidUpdateException("topic addresses the hub's reserved namespace /.well-known/mercure");
                }
            }
            if (update.id() != null) {
                FieldRules.checkId(update.id());
            }
            if (update.type() != null) {
                FieldRules.checkType(update.type());
            }
        } catch (InvalidFieldException e) {
            throw new InvalidUpdateException(e.getMessage());
        }
    }
}

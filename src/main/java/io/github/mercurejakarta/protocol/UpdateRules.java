package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.InvalidUpdateException;
import io.github.mercurejakarta.Update;

/**
 * The rules every published update obeys, whoever publishes it (HTTP or in-process).
 */
public final class UpdateRules {

    private UpdateRules() {
    }

    /** @throws InvalidUpdateException naming the broken rule */
    public static void check(Update update, int maxTopics) {
        if (update.topics().size() > maxTopics) {
            throw new InvalidUpdateException("too many topics: " + update.topics().size() + " (at most " + maxTopics + ")");
        }
        for (String t : update.topics()) {
            String why = topicProblem(t);
            if (why != null) {
                throw new InvalidUpdateException(why);
            }
            if (ReservedTopics.isReserved(t)) {
                throw new InvalidUpdateException("topic addresses the hub's reserved namespace: " + t);
            }
        }
        if (update.id() != null) {
            String why = idProblem(update.id());
            if (why != null) {
                throw new InvalidUpdateException(why);
            }
        }
        if (update.type() != null) {
            String why = typeProblem(update.type());
            if (why != null) {
                throw new InvalidUpdateException(why);
            }
        }
    }

    // interim character rules; replaced by FieldRules when it lands
    private static String chars(String what, String v) {
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || Character.getType(cp) == Character.FORMAT) {
                return what + " contains a control or format character";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static String topicProblem(String t) {
        if (t.isEmpty()) {
            return "empty topic";
        }
        if ("*".equals(t)) {
            return "topic must not be *";
        }
        return chars("topic", t);
    }

    private static String idProblem(String id) {
        if (id.startsWith("#") || Dialect.EARLIEST.equals(id)) {
            return "id must not start with # nor be earliest";
        }
        return chars("id", id);
    }

    private static String typeProblem(String type) {
        if ("mercure".equals(type)) {
            return "type mercure is reserved";
        }
        return chars("type", type);
    }
}

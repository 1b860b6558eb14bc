package io.github.mercurejakarta.auth;

import io.github.mercurejakarta.match.TopicMatcher;
import java.util.List;

/**
 * One validated grant of a token: a draft-08 Mercure authorization detail, or the publish or the
 * subscribe list of a draft-07 {@code mercure} claim.
 *
 * @param payload the detail's {@code payload} (draft-08 subscribe details only), or null
 */
record Grant(boolean publish, boolean subscribe, List<TopicMatcher> topics, Object payload) {

    Grant {
        topics = List.copyOf(topics);
    }

    boolean covers(String topic) {
        for (TopicMatcher matcher : topics) {
            if (matcher.matches(topic)) {
                return true;
            }
        }
        return false;
    }
}

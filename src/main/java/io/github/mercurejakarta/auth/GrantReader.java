package io.github.mercurejakarta.auth;

import static io.github.mercurejakarta.auth.ClaimNames.ACTIONS;
import static io.github.mercurejakarta.auth.ClaimNames.MATCH;
import static io.github.mercurejakarta.auth.ClaimNames.MATCH_TYPE;
import static io.github.mercurejakarta.auth.ClaimNames.MERCURE_DETAIL_TYPE;
import static io.github.mercurejakarta.auth.ClaimNames.PAYLOAD;
import static io.github.mercurejakarta.auth.ClaimNames.PUBLISH;
import static io.github.mercurejakarta.auth.ClaimNames.SUBSCRIBE;
import static io.github.mercurejakarta.auth.ClaimNames.TOPICS;
import static io.github.mercurejakarta.auth.ClaimNames.TYPE;

import io.github.mercurejakarta.match.InvalidSelectorException;
import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.match.TopicMatchers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the grant-carrying claims of a verified token into {@link Grant}s, rejecting any malformed
 * or oversized shape: there is no partial acceptance.
 */
final class GrantReader {

    /** Draft-07: hub 0.24 refuses more than 1000 selectors in {@code mercure.publish} or {@code .subscribe}. */
    static final int MAX_CLAIM_SELECTORS = 1000;
    /** Draft-08 caps (item 68): Mercure details, topics summed over them, characters per {@code match}. */
    static final int MAX_DETAILS = 100;
    static final int MAX_DETAIL_TOPICS = 1000;
    static final int MAX_MATCH_LENGTH = 4096;
    /** Payload nesting; a 16 KiB token could otherwise nest 8000 levels deep. */
    static final int MAX_PAYLOAD_DEPTH = 64;

    private GrantReader() {
    }

    /**
     * Reads a draft-07 {@code mercure} claim: {@code publish} and {@code subscribe} arrays of
     * selectors (missing or empty: no grant).
     */
    static List<Grant> draft07(Map<?, ?> claim) throws InvalidTokenException {
        List<Grant> grants = new ArrayList<>(2);
        List<TopicMatcher> publish = selectors(claim.get(PUBLISH), PUBLISH);
        if (!publish.isEmpty()) {
            grants.add(new Grant(true, false, publish, null));
        }
        List<TopicMatcher> subscribe = selectors(claim.get(SUBSCRIBE), SUBSCRIBE);
        if (!subscribe.isEmpty()) {
            grants.add(new Grant(false, true, subscribe, null));
        }
        return grants;
    }

    private static List<TopicMatcher> selectors(Object value, String name) throws InvalidTokenException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidTokenException("mercure." + name + " is not an array");
        }
        if (list.size() > MAX_CLAIM_SELECTORS) {
            throw new InvalidTokenException("mercure." + name + " has more than " + MAX_CLAIM_SELECTORS + " selectors");
        }
        List<TopicMatcher> matchers = new ArrayList<>(list.size());
        for (Object selector : list) {
            if (!(selector instanceof String s)) {
                throw new InvalidTokenException("mercure." + name + " holds a non-string selector");
            }
            try {
                matchers.add(TopicMatchers.draft07(s));
            } catch (InvalidSelectorException e) {
                throw new InvalidTokenException("mercure." + name + " holds an invalid selector " + InvalidTokenException.quote(s));
            }
        }
        return matchers;
    }

    /**
     * Reads RFC 9396 {@code authorization_details}: entries of the Mercure type become grants, other
     * types are ignored (they belong to other resource servers).
     */
    static List<Grant> draft08(Object authorizationDetails, String hubUrl) throws InvalidTokenException {
        if (authorizationDetails == null) {
            return List.of();
        }
        if (!(authorizationDetails instanceof List<?> entries)) {
            throw new InvalidTokenException("authorization_details is not an array");
        }
        List<Grant> grants = new ArrayList<>();
        int topicCount = 0;
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> detail)) {
                throw new InvalidTokenException("an authorization_details entry is not an object");
            }
            if (!MERCURE_DETAIL_TYPE.equals(detail.get(TYPE))) {
                continue;
            }
            if (grants.size() == MAX_DETAILS) {
                throw new InvalidTokenException("more than " + MAX_DETAILS + " Mercure authorization details");
            }
            boolean publish = false;
            boolean subscribe = false;
            for (Object action : nonEmptyArray(detail.get(ACTIONS), ACTIONS)) {
                if (!(action instanceof String name)) {
                    throw new InvalidTokenException("a Mercure detail holds a non-string action");
                }
                // Unknown actions are ignored (draft-08 item 68): future actions must not break old hubs.
                publish |= PUBLISH.equals(name);
                subscribe |= SUBSCRIBE.equals(name);
            }
            List<?> topics = nonEmptyArray(detail.get(TOPICS), TOPICS);
            topicCount += topics.size();
            // Counted before compiling anything, so an oversized token costs no pattern compilation.
            if (topicCount > MAX_DETAIL_TOPICS) {
                throw new InvalidTokenException("more than " + MAX_DETAIL_TOPICS + " topics in Mercure details");
            }
            List<TopicMatcher> matchers = new ArrayList<>(topics.size());
            for (Object topic : topics) {
                matchers.add(topicMatcher(topic, hubUrl));
            }
            Object payload = detail.get(PAYLOAD);
            if (payload != null && !(payload instanceof Map)) {
                throw new InvalidTokenException("a Mercure detail payload is not an object");
            }
            grants.add(new Grant(publish, subscribe, matchers, freeze(payload)));
        }
        return grants;
    }

    private static List<?> nonEmptyArray(Object value, String name) throws InvalidTokenException {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidTokenException("a Mercure detail's " + name + " is not a non-empty array");
        }
        return list;
    }

    private static TopicMatcher topicMatcher(Object topic, String hubUrl) throws InvalidTokenException {
        if (!(topic instanceof Map<?, ?> object)) {
            throw new InvalidTokenException("a Mercure detail topic is not an object");
        }
        if (!(object.get(MATCH) instanceof String match) || match.isEmpty()) {
            throw new InvalidTokenException("a Mercure detail topic has no match string");
        }
        if (match.length() > MAX_MATCH_LENGTH) {
            throw new InvalidTokenException("a Mercure detail match is longer than " + MAX_MATCH_LENGTH + " characters");
        }
        if (hasForbiddenCharacter(match)) {
            // Topics can never hold these characters (item 1), so such a matcher is malformed.
            throw new InvalidTokenException("a Mercure detail match holds a control character");
        }
        Object matchType = object.get(MATCH_TYPE);
        if (matchType != null && !(matchType instanceof String)) {
            throw new InvalidTokenException("a Mercure detail match_type is not a string");
        }
        try {
            return TopicMatchers.draft08((String) matchType, match, hubUrl);
        } catch (InvalidSelectorException e) {
            throw new InvalidTokenException("unsupported match_type " + InvalidTokenException.quote(matchType)
                    + " or malformed match " + InvalidTokenException.quote(match));
        }
    }

    /** C0, DEL, C1 and Unicode format (Cf) characters: never valid in a topic. */
    static boolean hasForbiddenCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.getType(s.codePointAt(i)) == Character.FORMAT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deep-copies a parsed JSON value into unmodifiable collections, so that {@link Grants} stays
     * immutable while handing out payloads.
     */
    static Object freeze(Object json) throws InvalidTokenException {
        return freeze(json, 0);
    }

    private static Object freeze(Object json, int depth) throws InvalidTokenException {
        if (depth > MAX_PAYLOAD_DEPTH) {
            throw new InvalidTokenException("payload nested deeper than " + MAX_PAYLOAD_DEPTH + " levels");
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put((String) entry.getKey(), freeze(entry.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (json instanceof List<?> list) {
            // Not List.copyOf: JSON arrays may hold nulls.
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(freeze(item, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        return json;
    }
}

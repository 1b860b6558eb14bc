package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.protocol.PercentEncoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@code @MercureTopic} topic, compiled once per event class: literal text, {@code {property}} and
 * {@code {+property}} placeholders (expanded like RFC 6570 simple and reserved expansion), with
 * {@code ${config.key}} already replaced by the configuration at compile time.
 *
 * <pre>{@code
 * TopicTemplate t = TopicTemplate.compile("${base}/books/{id}", BookChanged.class, config::getOptionalValue);
 * t.expand(new BookChanged(42, "Dune"));     // https://example.com/books/42
 * }</pre>
 */
final class TopicTemplate {

    /** A template is wrong for its event class; the message says what and where. */
    static final class InvalidTemplateException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidTemplateException(String message) {
            super(message);
        }
    }

    private interface Part {
        void append(StringBuilder out, Object event);
    }

    private final String source;
    private final List<Part> parts;

    private TopicTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * @param config looks up {@code ${key}} values
     * @throws InvalidTemplateException for an unknown property, a missing config key or bad syntax
     */
    static TopicTemplate compile(String template, Class<?> eventType, Function<String, Optional<String>> config) {
        if (template == null || template.isBlank()) {
            throw new InvalidTemplateException("the topic is empty");
        }
        String resolved = resolveConfig(template, config);
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < resolved.length()) {
            char c = resolved.charAt(i);
            if (c == '}') {
                throw new InvalidTemplateException("unmatched '}' at " + i + " in topic '" + template + "'");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = resolved.indexOf('}', i);
            if (end < 0) {
                throw new InvalidTemplateException("unclosed '{' at " + i + " in topic '" + template + "'");
            }
            String expression = resolved.substring(i + 1, end);
            boolean reserved = expression.startsWith("+");
            String name = reserved ? expression.substring(1) : expression;
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new InvalidTemplateException("'{" + expression + "}' in topic '" + template
                        + "' is not a placeholder: {property} or {+property} is expected");
            }
            Function<Object, Object> reader = EventProperties.reader(eventType, name).orElseThrow(() ->
                    new InvalidTemplateException("topic '" + template + "' names {" + name + "} but "
                            + eventType.getName() + " has no property '" + name
                            + "' (a record component, a public getter or a public field)"));
            if (literal.length() > 0) {
                String text = literal.toString();
                parts.add((out, event) -> out.append(text));
                literal.setLength(0);
            }
            PercentEncoding encoding = reserved ? PercentEncoding.RESERVED_EXPANSION : PercentEncoding.UNRESERVED;
            parts.add((out, event) -> {
                Object value = reader.apply(event);
                out.append(encoding.encode(value == null ? "" : value.toString()));
            });
            i = end + 1;
        }
        if (literal.length() > 0) {
            String text = literal.toString();
            parts.add((out, event) -> out.append(text));
        }
        return new TopicTemplate(template, List.copyOf(parts));
    }

    /** @return the topic for {@code event} */
    String expand(Object event) {
        StringBuilder out = new StringBuilder(64);
        for (Part p : parts) {
            p.append(out, event);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    private static String resolveConfig(String template, Function<String, Optional<String>> config) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                return out.toString();
            }
            int end = template.indexOf('}', start);
            if (end < 0) {
                throw new InvalidTemplateException("unclosed '${' in topic '" + template + "'");
            }
            String key = template.substring(start + 2, end);
            String value = config.apply(key).orElseThrow(() -> new InvalidTemplateException(
                    "topic '" + template + "' uses ${" + key + "} but the configuration has no " + key));
            out.append(template, i, start).append(value);
            i = end + 1;
        }
    }
}

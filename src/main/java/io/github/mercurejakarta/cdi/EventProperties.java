package io.github.mercurejakarta.cdi;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a named property of an event, as JSON-B would see it: a record component, a public getter
 * ({@code getX()} / {@code isX()}) or a public field.
 */
final class EventProperties {

    private EventProperties() {
    }

    /**
     * @return a reader of property {@code name} of {@code type}, empty when the type has no such property
     */
    static Optional<Function<Object, Object>> reader(Class<?> type, String name) {
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(name)) {
                    return Optional.of(invoker(c.getAccessor()));
                }
            }
        }
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String getter : new String[] {"get" + capitalised, "is" + capitalised}) {
            try {
                Method m = type.getMethod(getter);
                if (!Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class) {
                    return Optional.of(invoker(m));
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        try {
            Field f = type.getField(name);
            if (!Modifier.isStatic(f.getModifiers())) {
                return Optional.of(event -> {
                    try {
                        return f.get(event);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read " + type.getName() + "." + name + ": " + e.getMessage(), e);
                    }
                });
            }
        } catch (NoSuchFieldException e) {
            // no such property
        }
        return Optional.empty();
    }

    private static Function<Object, Object> invoker(Method m) {
        try {
            m.setAccessible(true); // a public record nested in a non-public class still needs it
        } catch (RuntimeException e) {
            // module rules: keep the public access path
        }
        return event -> {
            try {
                return m.invoke(event);
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("cannot read " + m.getDeclaringClass().getName() + "." + m.getName()
                        + "(): " + cause, cause);
            }
        };
    }
}

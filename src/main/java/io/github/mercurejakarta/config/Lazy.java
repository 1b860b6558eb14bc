package io.github.mercurejakarta.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value computed at its first use, at most once, and then shared by every thread: the library's
 * clients of external hubs, the application's JSON-B, beans looked up from a provider that CDI does not
 * inject.
 *
 * <p>A computation that throws is not remembered: the exception goes to the caller and the next
 * {@link #get()} computes again (a hub that was down at the first publish, a bean that was not ready
 * yet). A site that must remember a failure computes an {@code Optional} and catches the failure itself.
 * The computation must not return null.
 *
 * <pre>{@code
 * private final Lazy<HubPublisher> external = Lazy.of(() -> HubPublisher.create(config));
 * external.get().publish(update);
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> computation;
    private volatile T value;

    private Lazy(Supplier<? extends T> computation, T value) {
        this.computation = computation;
        this.value = value;
    }

    /** @return a holder computing its value with {@code computation} at the first {@link #get()} */
    public static <T> Lazy<T> of(Supplier<? extends T> computation) {
        return new Lazy<>(Objects.requireNonNull(computation, "computation"), null);
    }

    /** @return a holder of {@code value} if it is not null, else one computing it at the first {@link #get()} */
    public static <T> Lazy<T> of(T value, Supplier<? extends T> computation) {
        return new Lazy<>(Objects.requireNonNull(computation, "computation"), value);
    }

    /**
     * @return the value, computed now if this is the first call (or every earlier computation threw)
     * @throws RuntimeException what the computation threw; nothing is remembered then
     */
    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(computation.get(), "a lazy value's computation returned null");
                    value = v;
                }
            }
        }
        return v;
    }

    /** @return the value if it has been computed, without computing it (for closing what was opened) */
    public Optional<T> ifComputed() {
        return Optional.ofNullable(value);
    }
}

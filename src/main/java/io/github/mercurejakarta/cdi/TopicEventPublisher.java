package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.MercureTopic;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.Lazy;
import io.github.mercurejakarta.exceptions.MercureException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.EventMetadata;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The run-time half of the {@code @MercureTopic} bridge: given a fired event, finds its settings (the
 * qualifier's, else its class's), builds the update and publishes it through the application's
 * {@link Mercure} bean (so a {@code MercureRecorder} produced in tests records the events too).
 *
 * <p>Settings of classes and injection points seen at deployment are resolved and checked then (see
 * {@link MercureTopicExtension}); a class or {@code Event.select(MercureTopic.Literal...)} first seen at
 * run time is resolved at its first event, and its problems are thrown to the caller of {@code fire()}.
 */
final class TopicEventPublisher {

    private static final Logger LOG = Logger.getLogger(TopicEventPublisher.class.getName());

    /** Settings of one event: from the firing point's qualifier, or from the event's class. */
    private record Target(TopicSettings settings, boolean qualified) {
    }

    /** A qualifier instance and the class it publishes (settings depend on both). */
    private record QualifiedKey(String value, String type, boolean privateUpdate, long retry, boolean afterCommit,
                                Class<?> eventClass) {
        static QualifiedKey of(MercureTopic q, Class<?> eventClass) {
            return new QualifiedKey(q.value(), q.type(), q.privateUpdate(), q.retry(), q.afterCommit(), eventClass);
        }
    }

    private static final ClassValue<Optional<Class<?>>> ANNOTATED_CLASS = new ClassValue<>() {
        @Override
        protected Optional<Class<?>> computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                if (c.isAnnotationPresent(MercureTopic.class)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    };

    private final BeanManager beanManager;
    private final Function<String, Optional<String>> config;
    private final Map<Class<?>, TopicSettings> classSettings = new ConcurrentHashMap<>();
    private final Map<QualifiedKey, TopicSettings> qualifiedSettings = new ConcurrentHashMap<>();
    private final Set<Class<?>> transactionalClasses;
    private final Lazy<Mercure> mercure = Lazy.of(() -> beans().select(Mercure.class).get());
    private final ApplicationJsonb json = new ApplicationJsonb(this::beans);

    /**
     * @param known               settings resolved at deployment, by class
     * @param transactionalClasses classes for which an {@code AFTER_SUCCESS} observer was registered
     */
    TopicEventPublisher(BeanManager beanManager, Function<String, Optional<String>> config,
            Map<Class<?>, TopicSettings> known, Set<Class<?>> transactionalClasses) {
        this.beanManager = beanManager;
        this.config = config;
        this.classSettings.putAll(known);
        this.transactionalClasses = Set.copyOf(transactionalClasses);
    }

    /** @return the nearest class in {@code type}'s superclass chain carrying {@code @MercureTopic} */
    static Optional<Class<?>> annotatedClass(Class<?> type) {
        return ANNOTATED_CLASS.get(type);
    }

    /** Observer of every event, {@code fire()} ({@code async=false}) or {@code fireAsync()}. */
    void inProgress(Object event, EventMetadata metadata, boolean async) {
        Target target = target(event, metadata);
        if (target == null) {
            return;
        }
        TopicSettings s = target.settings();
        if (s.afterCommit()) {
            if (async) {
                throw new MercureException("@MercureTopic(afterCommit = true) event " + s.eventClass().getName()
                        + " was fired with fireAsync(), which runs outside the transaction: fire it with fire() so that"
                        + " it is published after the commit, or set afterCommit = false");
            }
            if (target.qualified() || transactionalClasses.contains(s.eventClass())) {
                return; // the AFTER_SUCCESS observer publishes it
            }
            throw new MercureException("@MercureTopic(afterCommit = true) on " + s.eventClass().getName()
                    + " was not seen at deployment, so no after-commit observer exists for it; inject it as Event<"
                    + s.eventClass().getSimpleName() + "> or observe it somewhere so that CDI reports it");
        }
        mercure.get().publish(update(event, s));
    }

    /** Observer of {@code @MercureTopic}-qualified events after a successful commit. */
    void afterSuccessQualified(Object event, EventMetadata metadata) {
        Target target = target(event, metadata);
        if (target != null && target.qualified() && target.settings().afterCommit()) {
            publishAfterCommit(event, target.settings());
        }
    }

    /** Observer of events of {@code registered} (an annotated class with afterCommit) after a successful commit. */
    void afterSuccessOfClass(Class<?> registered, Object event, EventMetadata metadata) {
        if (qualifier(metadata) != null || annotatedClass(event.getClass()).orElse(null) != registered) {
            return; // the qualifier's observer, or a subclass's own observer, handles it
        }
        TopicSettings s = classSettings.get(registered);
        if (s != null && s.afterCommit()) {
            publishAfterCommit(event, s);
        }
    }

    private void publishAfterCommit(Object event, TopicSettings s) {
        // The transaction's caller has moved on: a failure can only be logged.
        try {
            mercure.get().publishAsync(update(event, s)).whenComplete((id, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "MERCURE0601W publishing a committed " + s.eventClass().getName()
                            + " event failed: " + failure, failure);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MERCURE0601W publishing a committed " + s.eventClass().getName()
                    + " event failed: " + e, e);
        }
    }

    private Target target(Object event, EventMetadata metadata) {
        try {
            return resolveTarget(event, metadata);
        } catch (TopicSettings.InvalidTopicException e) {
            throw new MercureException(e.getMessage(), e);
        }
    }

    private Target resolveTarget(Object event, EventMetadata metadata) {
        MercureTopic q = qualifier(metadata);
        Class<?> type = event.getClass();
        if (q != null) {
            TopicSettings s = qualifiedSettings.computeIfAbsent(QualifiedKey.of(q, type),
                    k -> TopicSettings.resolve(type, q, "a firing point (Event qualifier)", config));
            return new Target(s, true);
        }
        Optional<Class<?>> annotated = annotatedClass(type);
        if (annotated.isEmpty()) {
            return null;
        }
        Class<?> c = annotated.get();
        TopicSettings s = classSettings.computeIfAbsent(c,
                k -> TopicSettings.resolve(k, k.getAnnotation(MercureTopic.class), "class " + k.getName(), config));
        return new Target(s, false);
    }

    private static MercureTopic qualifier(EventMetadata metadata) {
        if (metadata == null) {
            return null;
        }
        for (Annotation a : metadata.getQualifiers()) {
            if (a instanceof MercureTopic m) {
                return m;
            }
        }
        return null;
    }

    private Update update(Object event, TopicSettings s) {
        return s.update(event, json.text(event));
    }

    /**
     * The application's beans, for the look-ups made at the first event. The bean manager CDI hands the
     * extension sees them on Weld SE, Open Liberty and WildFly. On Payara (GlassFish's Weld integration)
     * it is the bean manager of the extension's own archive, which sees none of the war's beans, the
     * library's included: {@code Mercure} is unsatisfied there (WELD-001334). The bean manager of the
     * module firing the event, {@link CDI#current()}, sees them on every server.
     */
    private Instance<Object> beans() {
        Instance<Object> fromExtension = beanManager.createInstance();
        if (fromExtension.select(Mercure.class).isResolvable()) {
            return fromExtension;
        }
        return CDI.current();
    }
}

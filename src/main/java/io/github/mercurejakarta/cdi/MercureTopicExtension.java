package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.MercureTopic;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code @MercureTopic} event bridge (the counterpart of flask-mercure-sse's {@code publish_signal}).
 *
 * <p>Collects, while the container discovers the application, every event class annotated
 * {@code @MercureTopic} (its own {@link ProcessAnnotatedType}, or seen as the type of an
 * {@code Event<T>} injection point or of an observer method: in an annotated-discovery archive a plain
 * event record gets no {@code ProcessAnnotatedType}) and every {@code @MercureTopic} firing point; resolves
 * their settings against the configuration in {@link AfterBeanDiscovery} and registers the observers;
 * reports every problem in {@link AfterDeploymentValidation}, naming the class, so that a wrong topic
 * fails the deployment and not the first event.
 *
 * <p>Observers: one of every event for {@code fire()}, one for {@code fireAsync()} (a class lookup per
 * event, cached), and {@code AFTER_SUCCESS} observers for the afterCommit ones: one for qualified events,
 * one per annotated class known at deployment.
 */
public class MercureTopicExtension implements Extension {

    /** Annotated classes found, with where they were found (for messages). */
    private final Map<Class<?>, String> annotatedClasses = new LinkedHashMap<>();
    /** Qualified firing points found: event class (null when generic) and the qualifier. */
    private final List<FiringPoint> firingPoints = new ArrayList<>();
    private final List<Throwable> problems = new ArrayList<>();
    private TopicEventPublisher publisher;

    private record FiringPoint(Class<?> eventClass, MercureTopic qualifier, String where) {
    }

    void annotatedEventClass(@Observes @WithAnnotations(MercureTopic.class) ProcessAnnotatedType<?> pat) {
        Class<?> type = pat.getAnnotatedType().getJavaClass();
        if (type.isAnnotationPresent(MercureTopic.class)) {
            annotatedClasses.putIfAbsent(type, "class " + type.getName());
        }
    }

    /**
     * {@code Event<T>} injection points only: the container fires {@code ProcessInjectionPoint<X, T>} with {@code T}
     * the declared type of the point, and resolves observers of container lifecycle events by their type
     * arguments (the spec's "ProcessInjectionPoint event" and observer assignability rules; Weld fires it with the
     * point's type), so this is not called for the application's many other injection points. The check below
     * stays for a container that resolves more loosely.
     */
    void eventInjectionPoint(@Observes ProcessInjectionPoint<?, ? extends Event<?>> pip) {
        InjectionPoint ip = pip.getInjectionPoint();
        if (!(ip.getType() instanceof ParameterizedType p) || p.getRawType() != Event.class) {
            return;
        }
        Class<?> eventClass = rawClass(p.getActualTypeArguments()[0]);
        MercureTopic qualifier = null;
        for (Annotation a : ip.getQualifiers()) {
            if (a instanceof MercureTopic m) {
                qualifier = m;
            }
        }
        if (qualifier != null) {
            firingPoints.add(new FiringPoint(eventClass == Object.class ? null : eventClass, qualifier, describe(ip)));
        } else if (eventClass != null) {
            noteAnnotated(eventClass, "Event<" + eventClass.getSimpleName() + "> at " + describe(ip));
        }
    }

    void observedEventClass(@Observes ProcessObserverMethod<?, ?> pom) {
        Class<?> eventClass = rawClass(pom.getObserverMethod().getObservedType());
        if (eventClass != null) {
            noteAnnotated(eventClass, "an observer of " + eventClass.getName());
        }
    }

    void registerObservers(@Observes AfterBeanDiscovery abd, BeanManager beanManager) {
        Function<String, Optional<String>> config = configLookup();
        Map<Class<?>, TopicSettings> known = new LinkedHashMap<>();
        Set<Class<?>> transactional = new HashSet<>();
        annotatedClasses.forEach((type, where) -> {
            try {
                TopicSettings s = TopicSettings.resolve(type, type.getAnnotation(MercureTopic.class), "class " + type.getName(), config);
                known.put(type, s);
                if (s.afterCommit()) {
                    transactional.add(type);
                }
            } catch (IllegalArgumentException e) {
                problems.add(new DeploymentException(e.getMessage() + " (found as " + where + ")"));
            }
        });
        for (FiringPoint f : firingPoints) {
            if (f.eventClass() == null) {
                continue; // Event<Object>, Event<T>: the class is known at the first event only
            }
            try {
                TopicSettings.resolve(f.eventClass(), f.qualifier(), f.where(), config);
            } catch (IllegalArgumentException e) {
                problems.add(new DeploymentException(e.getMessage()));
            }
        }
        if (!annotatedClasses.isEmpty() || !firingPoints.isEmpty()) {
            checkJsonBinding();
        }
        TopicEventPublisher p = new TopicEventPublisher(beanManager, config, known, transactional);
        publisher = p;
        abd.addObserverMethod().observedType(Object.class)
                .notifyWith(ctx -> p.inProgress(ctx.getEvent(), ctx.getMetadata(), false));
        abd.addObserverMethod().observedType(Object.class).async(true)
                .notifyWith(ctx -> p.inProgress(ctx.getEvent(), ctx.getMetadata(), true));
        abd.addObserverMethod().observedType(Object.class).addQualifier(MercureTopic.Literal.of(""))
                .transactionPhase(TransactionPhase.AFTER_SUCCESS)
                .notifyWith(ctx -> p.afterSuccessQualified(ctx.getEvent(), ctx.getMetadata()));
        for (Class<?> type : transactional) {
            abd.addObserverMethod().observedType(type).transactionPhase(TransactionPhase.AFTER_SUCCESS)
                    .notifyWith(ctx -> p.afterSuccessOfClass(type, ctx.getEvent(), ctx.getMetadata()));
        }
    }

    void reportProblems(@Observes AfterDeploymentValidation adv) {
        problems.forEach(adv::addDeploymentProblem);
    }

    /** @return the run-time publisher (null before {@link AfterBeanDiscovery}); for tests */
    TopicEventPublisher publisher() {
        return publisher;
    }

    private void noteAnnotated(Class<?> type, String where) {
        TopicEventPublisher.annotatedClass(type).ifPresent(c -> annotatedClasses.putIfAbsent(c, where));
    }

    private void checkJsonBinding() {
        try {
            ApplicationJsonb.requireImplementation();
        } catch (Exception | LinkageError e) {
            problems.add(new DeploymentException("@MercureTopic events are serialised with JSON-B, but no JSON-B"
                    + " implementation is available (" + e + "); enable it in the server (Open Liberty: feature"
                    + " jsonb-3.0) for " + annotatedClasses.keySet() + " " + firingPoints.stream().map(FiringPoint::where).toList()));
        }
    }

    private static Function<String, Optional<String>> configLookup() {
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        return key -> config.getOptionalValue(key, String.class);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static String describe(InjectionPoint ip) {
        Member m = ip.getMember();
        return m == null ? ip.toString() : m.getDeclaringClass().getName() + "." + m.getName();
    }
}

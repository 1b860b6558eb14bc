package io.github.mercurejakarta.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MercureTopicExtension} observes {@code ProcessInjectionPoint<?, ? extends Event<?>>}: Weld calls such an
 * observer for {@code Event<T>} injection points only, not for every injection point of the application.
 */
class EventInjectionPointTest {

    @Test
    void theBridgeObservesEventInjectionPointsOnly() throws NoSuchMethodException {
        Method bridge = MercureTopicExtension.class.getDeclaredMethod("eventInjectionPoint", ProcessInjectionPoint.class);
        Method probe = SeenPoints.class.getDeclaredMethod("see", ProcessInjectionPoint.class);
        assertEquals(probe.getGenericParameterTypes()[0], bridge.getGenericParameterTypes()[0],
                "the probe below observes what the bridge observes");
    }

    @Test
    void weldDeliversSuchAnObserverTheEventInjectionPointsAlone() {
        SeenPoints seen = new SeenPoints();
        WeldContainer container = new Weld("event-ip-test-" + System.nanoTime())
                .disableDiscovery()
                .addBeanClasses(Points.class)
                .addExtension(seen)
                .initialize();
        try {
            Set<String> types = new TreeSet<>();
            seen.types.forEach(t -> types.add(t.getTypeName()));
            assertEquals(Set.of("jakarta.enterprise.event.Event<java.lang.Integer>",
                            "jakarta.enterprise.event.Event<java.lang.String>"), types,
                    "the Event<T> field and constructor parameter, not BeanManager or Instance<Object>");
        } finally {
            container.shutdown();
        }
    }

    /** Observes injection points the way the bridge does, and notes their types. */
    static class SeenPoints implements Extension {
        final List<Type> types = new CopyOnWriteArrayList<>();

        void see(@Observes ProcessInjectionPoint<?, ? extends Event<?>> pip) {
            types.add(pip.getInjectionPoint().getType());
        }
    }

    @Dependent
    static class Points {
        @Inject
        Event<String> strings;
        @Inject
        BeanManager beanManager;
        @Inject
        Instance<Object> anything;

        @Inject
        Points(Event<Integer> numbers) {
        }
    }
}

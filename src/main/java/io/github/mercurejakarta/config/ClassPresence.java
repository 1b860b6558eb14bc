package io.github.mercurejakarta.config;

/**
 * Whether an optional dependency (Servlet, MicroProfile Metrics or Health, Lettuce) can be loaded, asked
 * by class name so that the asking class links none of it. The library's optional integrations call
 * this first and load the one class that names the dependency only when it answers true.
 *
 * <p>The class is looked up without being initialised, and any failure to find or link it counts as
 * absent: a half-present API (a class whose own dependencies are missing) must not fail a deployment.
 * Nothing is cached: a caller that may be asked from different class loaders (MicroProfile Health on
 * Payara, see {@code HealthChecksExtension}) gets each loader's own answer.
 *
 * <pre>{@code
 * if (ClassPresence.loads("io.lettuce.core.RedisClient", RedisTransportFactory.class)) { ... }
 * }</pre>
 */
public final class ClassPresence {

    private ClassPresence() {
    }

    /** @return true when {@code className} loads from the class loader of {@code from} */
    public static boolean loads(String className, Class<?> from) {
        return loadsFromAny(className, from.getClassLoader());
    }

    /**
     * @param loaders tried in order; a null entry is the bootstrap loader
     * @return true when {@code className} loads from one of {@code loaders}
     */
    public static boolean loadsFromAny(String className, ClassLoader... loaders) {
        for (ClassLoader loader : loaders) {
            try {
                Class.forName(className, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError | RuntimeException absent) {
                // not from this loader: try the next
            }
        }
        return false;
    }
}

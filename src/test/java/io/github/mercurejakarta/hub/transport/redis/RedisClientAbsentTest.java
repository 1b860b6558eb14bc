package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.hub.transport.Transport;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without the optional Redis client on the class path, a redis:// transport is a configuration error. */
class RedisClientAbsentTest {

    @Test
    void redisTransportWithoutLettuceIsAConfigurationErrorNamingTheKey() throws Exception {
        URL library = MercureConfig.class.getProtectionDomain().getCodeSource().getLocation();
        // the library's classes and nothing else: no Lettuce (the platform loader has the JDK only)
        try (URLClassLoader withoutLettuce = new URLClassLoader(new URL[] {library}, ClassLoader.getPlatformClassLoader())) {
            Class<?> configClass = withoutLettuce.loadClass(MercureConfig.class.getName());
            Object config = configClass.getMethod("of", Map.class)
                    .invoke(null, Map.of("mercure.hub.transport", "redis://127.0.0.1:6379"));
            Class<?> transport = withoutLettuce.loadClass(Transport.class.getName());
            for (String method : new String[] {"check", "fromConfig"}) {
                InvocationTargetException e = assertThrows(InvocationTargetException.class,
                        () -> transport.getMethod(method, configClass).invoke(null, config));
                Throwable cause = e.getCause();
                assertEquals(ConfigurationException.class.getName(), cause.getClass().getName(),
                        "Transport." + method + ": a missing Redis client is a configuration error: " + cause);
                assertTrue(cause.getMessage().contains("mercure.hub.transport") && cause.getMessage().contains("io.lettuce:lettuce-core"),
                        "the message names the key and the missing dependency: " + cause.getMessage());
            }
        }
    }
}

package io.github.mercurejakarta;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The public API names nothing internal: every public or protected signature of the API packages (the
 * root package, {@code exceptions}, {@code testing}) uses only JDK, Jakarta/MicroProfile and API types, so
 * an application never compiles against an implementation class.
 */
class ApiSurfaceTest {

    private static final Set<String> API_PACKAGES = Set.of("io.github.mercurejakarta",
            "io.github.mercurejakarta.exceptions", "io.github.mercurejakarta.testing");

    @Test
    void apiSignaturesNameOnlyApiTypes() throws Exception {
        Set<String> leaks = new TreeSet<>();
        List<Class<?>> classes = apiClasses();
        assertFalse(classes.isEmpty(), "the API classes are found");
        for (Class<?> c : classes) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            check(c.getName() + " extends", c.getGenericSuperclass(), leaks);
            for (Type t : c.getGenericInterfaces()) {
                check(c.getName() + " implements", t, leaks);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
                }
            }
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable e : members) {
                if (!visible(e.getModifiers()) || e.isSynthetic()) {
                    continue;
                }
                String where = c.getName() + "." + (e instanceof Constructor<?> ? "<init>" : e.getName());
                if (e instanceof Method m) {
                    check(where + " returns", m.getGenericReturnType(), leaks);
                }
                for (Type p : e.getGenericParameterTypes()) {
                    check(where + " takes", p, leaks);
                }
                for (Type x : e.getGenericExceptionTypes()) {
                    check(where + " throws", x, leaks);
                }
            }
        }
        assertEquals(Set.of(), leaks, "implementation types in API signatures");
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type type, Set<String> leaks) {
        if (type == null) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, leaks);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(b -> check(where, b, leaks));
        } else if (type instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), leaks);
        } else if (type instanceof Class<?> c) {
            Class<?> k = c;
            while (k.isArray()) {
                k = k.getComponentType();
            }
            String pkg = k.getPackageName();
            boolean allowed = k.isPrimitive() || pkg.startsWith("java.") || pkg.startsWith("jakarta.")
                    || pkg.startsWith("org.eclipse.microprofile.") || API_PACKAGES.contains(pkg);
            if (!allowed) {
                leaks.add(where + ": " + k.getName());
            }
        }
    }

    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Mercure.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String simple = f.getFileName().toString().replace(".class", "");
                    if (!simple.equals("package-info")) {
                        out.add(Class.forName(pkg + "." + simple.replace('/', '.')));
                    }
                }
            }
        }
        return out;
    }
}

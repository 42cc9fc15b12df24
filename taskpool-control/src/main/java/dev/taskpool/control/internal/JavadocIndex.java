package dev.taskpool.control.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Javadoc of a class's public methods, as kept at build time by the Javadoc index
 * processor ({@code META-INF/taskpool/javadoc/<class>.properties}): the help texts of the
 * control interface are the documentation itself.
 *
 * <p>Immutable and thread-safe.
 */
final class JavadocIndex {

    private static final String PREFIX = "META-INF/taskpool/javadoc/";

    private final Properties entries;

    private JavadocIndex(Properties entries) {
        this.entries = entries;
    }

    /** The index of {@code type}; empty if none was built. */
    static JavadocIndex of(Class<?> type) {
        Properties properties = new Properties();
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(PREFIX + type.getName() + ".properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Javadoc index of " + type.getName(), e);
        }
        return new JavadocIndex(properties);
    }

    /** The first sentence of the method's Javadoc, or empty. */
    String summary(Method method) {
        return entries.getProperty(key(method), "");
    }

    /** The Javadoc description of one of the method's parameters, or empty. */
    String param(Method method, String parameterName) {
        return entries.getProperty(key(method) + "#param." + parameterName, "");
    }

    private static String key(Method method) {
        List<String> types = new ArrayList<>();
        for (Class<?> type : method.getParameterTypes()) {
            types.add(type.getCanonicalName());
        }
        return method.getName() + "(" + String.join(",", types) + ")";
    }
}

package dev.taskpool.control.command;

import dev.taskpool.control.literal.LiteralParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Javadoc of a class's public methods, as kept at build time by the Javadoc index
 * processor ({@code META-INF/taskpool/javadoc/<class>.properties}): the help texts of the
 * control interface are the documentation itself.
 *
 * <p>A reference to a constant reads as the value a client types for it: the pool size
 * {@code UNBOUNDED} (the largest {@code int}) as {@code inf}, other numbers as they are,
 * strings in Python's quotes.
 *
 * <p>Immutable and thread-safe.
 */
final class JavadocIndex {

    private static final String PREFIX = "META-INF/taskpool/javadoc/";
    private static final Pattern CONSTANT_REFERENCE = Pattern.compile("\\{@value ([^}\\s]+)}");

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
        return render(entries.getProperty(key(method), ""));
    }

    /** The Javadoc description of one of the method's parameters, or empty. */
    String param(Method method, String parameterName) {
        return render(entries.getProperty(key(method) + "#param." + parameterName, ""));
    }

    /** The text with each constant reference, {@code {@value <class>#<field>}}, as a client writes its value. */
    private String render(String text) {
        Matcher matcher = CONSTANT_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String reference = matcher.group(1);
            String literal = entries.getProperty("const:" + reference);
            String shown = literal != null ? clientLiteral(literal) : reference.substring(reference.indexOf('#') + 1);
            matcher.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A Java constant expression as a client of the control interface types the value. */
    static String clientLiteral(String java) {
        if (java.equals(String.valueOf(Integer.MAX_VALUE))) {
            return "inf";
        }
        if (java.equals("true") || java.equals("false")) {
            return java.equals("true") ? "True" : "False";
        }
        if (java.startsWith("\"") && java.endsWith("\"")) {
            return LiteralParser.format(javaString(java.substring(1, java.length() - 1)));
        }
        if (java.matches("-?[0-9][0-9.eE+-]*[LlFfDd]")) {
            return java.substring(0, java.length() - 1);
        }
        return java;
    }

    /** Undoes the escapes of a Java string literal's body. */
    private static String javaString(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static String key(Method method) {
        List<String> types = new ArrayList<>();
        for (Class<?> type : method.getParameterTypes()) {
            types.add(type.getCanonicalName());
        }
        return method.getName() + "(" + String.join(",", types) + ")";
    }
}

package dev.taskpool.control.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;

/**
 * Reads and writes the JSON of the control protocol with jackson-jr: handshake objects in,
 * one-line answer objects out.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonCodec {

    // Null map values are kept ("value": null says "no value") and output stays on one line.
    // Objects are not introspected as beans: a value the interpreter should never have produced
    // fails loudly rather than becoming {} or exposing some object's getters to a client.
    private static final JSON JSON_STD = JSON.std
            .with(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.FAIL_ON_UNKNOWN_TYPE_WRITE,
                    JSON.Feature.PRESERVE_FIELD_ORDERING, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
            .without(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.HANDLE_JAVA_BEANS);

    private JsonCodec() {
    }

    /**
     * Parses text that must hold exactly one JSON object and nothing after it.
     *
     * @return the object's members in document order
     * @throws MalformedJsonException if the text is not JSON, not an object, or has trailing
     *                                content
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) throws MalformedJsonException {
        try (JsonParser parser = JSON_STD.getStreamingFactory().createParser(text)) {
            Object value = JSON_STD.anyFrom(parser);
            if (!(value instanceof Map<?, ?> object)) {
                throw new MalformedJsonException("not a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("content after the JSON object");
            }
            return (Map<String, Object>) object;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage());
        }
    }

    /**
     * Writes a value as compact JSON on one line: newlines and other control characters
     * inside strings are escaped.
     *
     * @param value strings, numbers, booleans, null, lists and maps of those
     * @throws IllegalArgumentException if the value holds something that is not one of those
     */
    public static String write(Object value) {
        try {
            return JSON_STD.asString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not representable as JSON: " + e.getMessage(), e);
        }
    }

    /** Text that should have been a JSON object was not. Carries no stack trace. */
    public static final class MalformedJsonException extends Exception {
        MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.taskpool.cli.demo;

import dev.taskpool.internal.ArgumentConversion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration option as a person writes it: a number of seconds ({@code 10}, {@code 2.5}),
 * or a number with the unit {@code s} or {@code ms} ({@code 10s}, {@code 500ms}). A number of
 * seconds becomes a duration as the control server's timeouts do ({@code -t 2.5}), to the
 * nanosecond. Stateless.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ms|s)?");

    @Override
    public Duration convert(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + text + "' is not a duration; write seconds (10, 2.5) "
                    + "or add a unit (10s, 500ms)");
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        BigDecimal seconds = "ms".equals(matcher.group(2)) ? number.movePointLeft(3) : number;
        try {
            return (Duration) ArgumentConversion.convert(seconds, Duration.class, "a duration");
        } catch (IllegalArgumentException tooLong) {
            throw new TypeConversionException("'" + text + "' is longer than any duration can be");
        }
    }
}

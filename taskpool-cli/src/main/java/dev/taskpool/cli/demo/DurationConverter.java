package dev.taskpool.cli.demo;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration option as a person writes it: a number of seconds ({@code 10}, {@code 2.5}),
 * or a number with the unit {@code s} or {@code ms} ({@code 10s}, {@code 500ms}), to the
 * nanosecond, as the control server reads its timeouts ({@code -t 2.5}). Stateless.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

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
            return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
        } catch (ArithmeticException tooLong) {
            throw new TypeConversionException("'" + text + "' is longer than any duration can be");
        }
    }
}

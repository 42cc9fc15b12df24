package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class TaskFunctionTest {

    static final StringBuilder CALLS = new StringBuilder();

    public static void greet(String who, int times) {
        synchronized (CALLS) {
            CALLS.append(who.repeat(times));
        }
    }

    public static void described(@Param(name = "n", value = "how many") long count) {
    }

    static void hidden() {
    }

    private static final TaskFunction GREET = TaskFunction.of(method("greet"));

    @Test
    void parameterNamesAndTypesComeFromTheMethod() {
        assertThat(GREET.name()).isEqualTo("greet");
        assertThat(GREET.parameters()).extracting(TaskFunction.Parameter::name).containsExactly("who", "times");
        assertThat(GREET.parameters()).extracting(TaskFunction.Parameter::type)
                .containsExactly(String.class, int.class);
        assertThat(GREET).hasToString("greet(who: a string, times: an integer)");
    }

    @Test
    void theParamAnnotationRenamesAndDescribes() {
        TaskFunction f = TaskFunction.of(method("described"));

        assertThat(f.parameters()).containsExactly(new TaskFunction.Parameter("n", long.class, "how many"));
    }

    @Test
    void onlyPublicStaticMethodsQualify() {
        assertThatThrownBy(() -> TaskFunction.of(method("hidden")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a public static method");
    }

    @Test
    void boundFunctionsCallTheMethod() throws Exception {
        CALLS.setLength(0);

        GREET.bound(List.of("ab"), Map.of("times", 2L)).run();

        assertThat(CALLS).hasToString("abab");
    }

    @Test
    void bindingConvertsIntegersLosslessly() {
        assertThat(GREET.bind(List.of("x", 3L), null)).containsExactly("x", 3);
        assertThat(GREET.bind(List.of("x", BigInteger.TWO), null)).containsExactly("x", 2);
    }

    @Test
    void bindingRefusesLossyOrWrongTypes() {
        assertThatThrownBy(() -> GREET.bind(List.of("x", 2.5), null))
                .hasMessage("parameter 'times' of greet expects an integer, got a float (2.5)");
        assertThatThrownBy(() -> GREET.bind(List.of("x", 1L << 40), null))
                .hasMessageStartingWith("parameter 'times' of greet expects an integer");
        assertThatThrownBy(() -> GREET.bind(List.of(1L, 1L), null))
                .hasMessage("parameter 'who' of greet expects a string, got an integer (1)");
        assertThatThrownBy(() -> GREET.bind(List.of("x"), Map.of("times", "many")))
                .hasMessage("parameter 'times' of greet expects an integer, got a string ('many')");
    }

    @Test
    void bindingReportsMissingExtraUnknownAndDuplicateArguments() {
        assertThatThrownBy(() -> GREET.bind(List.of("x"), null))
                .hasMessage("greet is missing a value for parameter 'times'");
        assertThatThrownBy(() -> GREET.bind(List.of("x", 1, 2), null))
                .hasMessage("greet takes 2 arguments but 3 were given");
        assertThatThrownBy(() -> GREET.bind(List.of("x", 1), Map.of("loud", true)))
                .hasMessage("greet has no parameter named 'loud' (parameters: times, who)");
        assertThatThrownBy(() -> GREET.bind(List.of("x", 1), Map.of("who", "y")))
                .hasMessage("greet got two values for parameter 'who'");
    }

    @Test
    void collectionsConvertToTheDeclaredKind() {
        TaskFunction f = TaskFunction.of("f", List.of(
                TaskFunction.Parameter.of("list", List.class),
                TaskFunction.Parameter.of("set", Set.class),
                TaskFunction.Parameter.of("array", int[].class)), args -> { });

        Object[] bound = f.bind(List.of(Set.of(1L), List.of(2L, 2L), List.of(3L, 4L)), null);

        assertThat(bound[0]).isEqualTo(List.of(1L));
        assertThat(bound[1]).isEqualTo(Set.of(2L));
        assertThat(bound[2]).isEqualTo(new int[] {3, 4});
    }

    @Test
    void enumsMatchByNameIgnoringCase() {
        TaskFunction f = TaskFunction.of("f",
                List.of(TaskFunction.Parameter.of("unit", java.util.concurrent.TimeUnit.class)), args -> { });

        assertThat(f.bind(List.of("seconds"), null)).containsExactly(java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void nullFitsReferencesButNotPrimitives() {
        assertThat(GREET.bind(java.util.Arrays.asList(null, 1), null)).containsExactly(null, 1);
        assertThatThrownBy(() -> GREET.bind(java.util.Arrays.asList("x", null), null))
                .hasMessage("parameter 'times' of greet expects an integer, got None");
    }

    @Test
    void parameterNamesMustBeDistinct() {
        assertThatThrownBy(() -> TaskFunction.of("f", List.of(
                TaskFunction.Parameter.of("a", int.class), TaskFunction.Parameter.of("a", int.class)), args -> { }))
                .hasMessage("parameter names of f must be distinct");
    }

    private static Method method(String name) {
        for (Method m : TaskFunctionTest.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }
}

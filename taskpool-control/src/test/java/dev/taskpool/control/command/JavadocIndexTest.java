package dev.taskpool.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.BaseTaskPool;
import org.junit.jupiter.api.Test;

/** The pools' Javadoc as the control help shows it. */
class JavadocIndexTest {

    @Test
    void theUnboundedPoolSizeReadsAsInfWhichIsWhatAClientTypes() throws Exception {
        JavadocIndex docs = JavadocIndex.of(BaseTaskPool.class);

        String size = docs.param(BaseTaskPool.class.getMethod("setPoolSize", int.class), "size");

        assertThat(size).isEqualTo("the new size, 0 or more; inf for no limit");
    }

    @Test
    void noHelpTextNamesAConstantAClientCannotType() throws Exception {
        JavadocIndex docs = JavadocIndex.of(BaseTaskPool.class);

        assertThat(docs.summary(BaseTaskPool.class.getMethod("poolSize")))
                .startsWith("The maximum number of tasks allowed to run at once: inf")
                .doesNotContain("UNBOUNDED", "{@value");
    }

    @Test
    void constantsReadAsPythonLiterals() {
        assertThat(JavadocIndex.clientLiteral("2147483647")).isEqualTo("inf");
        assertThat(JavadocIndex.clientLiteral("100")).isEqualTo("100");
        assertThat(JavadocIndex.clientLiteral("9000L")).isEqualTo("9000");
        assertThat(JavadocIndex.clientLiteral("2.5f")).isEqualTo("2.5");
        assertThat(JavadocIndex.clientLiteral("true")).isEqualTo("True");
        assertThat(JavadocIndex.clientLiteral("\"it's\\n\"")).isEqualTo("\"it's\\n\"");
    }
}

package dev.taskpool.docprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a Javadoc comment becomes the plain text of help entries. */
class JavadocTextTest {

    @Test
    void anInlineTagEndsAtTheBraceThatBalancesItsOpeningOne() {
        JavadocText text = JavadocText.parse("""
                 Like {@code map}, but each element is a map of named arguments:
                 {@code [{'a': 1, 'b': 2}]} calls {@code f(a=1, b=2)}. More.
                """);

        assertThat(text.summary())
                .isEqualTo("Like map, but each element is a map of named arguments: [{'a': 1, 'b': 2}] calls f(a=1, b=2).");
    }

    @Test
    void nestedBracesInsideAParameterDescriptionSurvive() {
        JavadocText text = JavadocText.parse("""
                 Starts tasks.

                 @param kwargs named arguments, such as {@code {'x': {'y': 1}}}; may be {@code null}
                """);

        assertThat(text.params()).containsEntry("kwargs", "named arguments, such as {'x': {'y': 1}}; may be null");
    }

    @Test
    void aLinkBecomesItsLabelOrTheMemberName() {
        assertThat(JavadocText.plain("see {@link #gatherAndClose()} and {@link TaskPool#map(TaskFunction) the map}"))
                .isEqualTo("see gatherAndClose and the map");
    }

    @Test
    void htmlIsStrippedOutsideInlineTagsOnly() {
        assertThat(JavadocText.plain("<p>named {@code start-group-<k>} &amp; more</p>"))
                .isEqualTo("named start-group-<k> & more");
    }

    @Test
    void anUnclosedTagIsKeptAsWritten() {
        assertThat(JavadocText.plain("broken {@code [1, 2"))
                .isEqualTo("broken {@code [1, 2");
    }

    @Test
    void aReferenceToAConstantIsWrittenAsTheResolverSays() {
        JavadocText text = JavadocText.parse("""
                 Changes the size.

                 @param size the new size; {@link #UNBOUNDED} or {@value BaseTaskPool#UNBOUNDED} for no limit,
                             {@link #MAX the largest} at most
                """, reference -> reference.endsWith("#UNBOUNDED") ? "{@value p.C#UNBOUNDED}" : null);

        assertThat(text.params()).containsEntry("size",
                "the new size; {@value p.C#UNBOUNDED} or {@value p.C#UNBOUNDED} for no limit, the largest at most");
    }
}

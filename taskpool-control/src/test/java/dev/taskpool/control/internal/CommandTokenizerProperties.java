package dev.taskpool.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.control.internal.CommandTokenizer.Token;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CommandTokenizerProperties {

    @Property
    void throwsOnlyCommandSyntaxExceptionsOnArbitraryText(@ForAll String line) {
        tokenizeOrSyntaxError(line);
    }

    @Property
    void throwsOnlyCommandSyntaxExceptionsOnCommandLookingText(@ForAll("commandLooking") String line) {
        tokenizeOrSyntaxError(line);
    }

    @Property
    void tokensAreTheRawTextAtTheirColumns(@ForAll("commandLooking") String line) {
        List<Token> tokens;
        try {
            tokens = CommandTokenizer.tokenize(line);
        } catch (CommandSyntaxException e) {
            return;
        }
        for (Token token : tokens) {
            assertThat(token.text()).isNotBlank();
            assertThat(line.substring(token.start(), token.start() + token.text().length())).isEqualTo(token.text());
        }
    }

    private static void tokenizeOrSyntaxError(String line) {
        try {
            for (Token token : CommandTokenizer.tokenize(line)) {
                token.unquoted();
            }
        } catch (CommandSyntaxException e) {
            assertThat(e.column()).isBetween(0, line.length());
            assertThat(e.getMessage()).contains("at column " + e.column());
        }
    }

    @Provide
    Arbitrary<String> commandLooking() {
        return Arbitraries.strings().withChars("ab -=\t'\"\\()[]{},:xNu{}r").ofMaxLength(40);
    }
}

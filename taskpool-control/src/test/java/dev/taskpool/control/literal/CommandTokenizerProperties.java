package dev.taskpool.control.literal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.control.literal.CommandTokenizer.Token;
import dev.taskpool.control.literal.LiteralArbitraries.Floats;
import dev.taskpool.control.literal.LiteralArbitraries.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the line, {@link CommandTokenizer#tokenize} and {@link Token#unquoted} give tokens or a
 * {@link CommandSyntaxException} naming the column and what was wrong; literals typed as arguments arrive whole.
 */
class CommandTokenizerProperties {

    private static final Pattern COLUMN_ERROR = Pattern.compile("(unclosed '[(\\[{]'|unexpected '[)\\]}]'"
            + "|mismatched '[)\\]}]'|unterminated string starting) at column (\\d+)( \\(expected '[)\\]}]'\\))?");

    private static final Pattern QUOTED_TOKEN_ERROR = Pattern.compile("(.+) at column (\\d+)");

    @Property
    void hostileLineGivesTokensOrACommandSyntaxException(@ForAll("hostile") String line) {
        tokenizeOrSyntaxError(line);
    }

    @Property
    void commandLineWithAFewCharactersChangedGivesTokensOrACommandSyntaxException(
            @ForAll("mutatedCommandLines") String line) {
        tokenizeOrSyntaxError(line);
    }

    @Property
    void errorColumnLiesWithinTheLine(@ForAll("broken") String line) {
        CommandSyntaxException error = tokenizeOrSyntaxError(line);
        if (error != null) {
            assertThat(error.column()).isBetween(0, line.length() - 1);
        }
    }

    @Property
    void errorMessageNamesTheColumnAndWhatWasWrong(@ForAll("broken") String line) {
        CommandSyntaxException error = tokenizeOrSyntaxError(line);
        if (error == null) {
            return;
        }
        Matcher bracketsOrQuotes = COLUMN_ERROR.matcher(error.getMessage());
        Matcher quotedToken = QUOTED_TOKEN_ERROR.matcher(error.getMessage());
        if (bracketsOrQuotes.matches()) {
            assertThat(bracketsOrQuotes.group(2)).isEqualTo(Integer.toString(error.column()));
        } else {
            assertThat(quotedToken.matches()).as("message %s", error.getMessage()).isTrue();
            assertThat(quotedToken.group(2)).isEqualTo(Integer.toString(error.column()));
            assertThat(LiteralParserFuzzProperties.STRING_REASONS).as("reason %s", quotedToken.group(1))
                    .anyMatch(p -> p.matcher(quotedToken.group(1)).matches());
        }
    }

    @Property
    void errorMessageIsOneShortPrintableLine(@ForAll("broken") String line) {
        CommandSyntaxException error = tokenizeOrSyntaxError(line);
        if (error != null) {
            LiteralParserFuzzProperties.assertIsOneShortPrintableLine(error.getMessage());
        }
    }

    @Property
    void tokensAreTheRawTextAtTheirColumns(@ForAll("broken") String line) {
        List<Token> tokens;
        try {
            tokens = CommandTokenizer.tokenize(line);
        } catch (CommandSyntaxException e) {
            return;
        }
        for (Token token : tokens) {
            // U+000B or U+001C may make a token: Python separates tokens only by space, tab, form feed and newlines
            assertThat(token.text()).isNotEmpty();
            assertThat(LiteralParser.isWhitespace(token.text().charAt(0))).isFalse();
            assertThat(LiteralParser.isWhitespace(token.text().charAt(token.text().length() - 1))).isFalse();
            assertThat(line.substring(token.start(), token.start() + token.text().length())).isEqualTo(token.text());
        }
    }

    @Property
    void literalArgumentsArriveAsOneTokenEach(@ForAll("commandLines") CommandLine line) {
        List<Token> tokens = CommandTokenizer.tokenize(line.text());
        assertThat(tokens).extracting(Token::text).containsExactlyElementsOf(line.words());
        for (int i = 1; i < tokens.size(); i++) {
            Object value = LiteralParser.parse(tokens.get(i).text());
            assertThat(LiteralArbitraries.difference(line.arguments().get(i - 1).value(), value)).isNull();
        }
    }

    @Property
    void quotedArgumentUnquotesToItsString(@ForAll("quotedStrings") Written quoted) {
        List<Token> tokens = CommandTokenizer.tokenize("echo " + quoted.text());
        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(1).unquoted()).isEqualTo(quoted.value());
    }

    /** Tokenizes and unquotes every token, returning the syntax error if there is one; anything else fails. */
    private static CommandSyntaxException tokenizeOrSyntaxError(String line) {
        try {
            for (Token token : CommandTokenizer.tokenize(line)) {
                token.unquoted();
            }
            return null;
        } catch (CommandSyntaxException e) {
            return e;
        }
    }

    /** A command name and literal arguments, each written as one token, separated by runs of whitespace. */
    record CommandLine(String text, List<Written> arguments) {

        List<String> words() {
            List<String> words = new ArrayList<>();
            words.add("apply");
            arguments.forEach(argument -> words.add(argument.text()));
            return words;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Provide
    Arbitrary<CommandLine> commandLines() {
        Arbitrary<Written> argument = LiteralArbitraries.writtenAsOneToken(
                LiteralArbitraries.values(Floats.WITH_INFINITIES));
        return Combinators.combine(argument.list().ofMaxSize(4), Arbitraries.longs()).as((arguments, seed) -> {
            Random random = new Random(seed);
            String[] separators = {" ", "  ", "\t", " \t ", "\f"};
            var text = new StringBuilder(random.nextBoolean() ? "" : " ").append("apply");
            for (Written written : arguments) {
                text.append(separators[random.nextInt(separators.length)]).append(written.text());
            }
            text.append(random.nextBoolean() ? "" : "\r");
            return new CommandLine(text.toString(), arguments);
        });
    }

    @Provide
    Arbitrary<Written> quotedStrings() {
        return LiteralArbitraries.writtenAsOneToken(LiteralArbitraries.strings())
                .filter(written -> StringLiteral.quoteAfterSupportedPrefix(written.text(), 0) >= 0);
    }

    @Provide
    Arbitrary<String> hostile() {
        return LiteralArbitraries.hostile();
    }

    @Provide
    Arbitrary<String> mutatedCommandLines() {
        return Combinators.combine(commandLines(), Arbitraries.longs())
                .as((line, seed) -> LiteralArbitraries.mutate(line.text(), new Random(seed)));
    }

    @Provide
    Arbitrary<String> broken() {
        return Arbitraries.oneOf(hostile(), mutatedCommandLines());
    }
}

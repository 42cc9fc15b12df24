package dev.taskpool.queue.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PostgresServer} parameter: one throwaway server for the whole test run,
 * started when a class first asks for it and removed when the run ends. A test class using it
 * is skipped, saying why, on a machine without PostgreSQL's binaries.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(PostgresServer.binaries().isPresent(),
                "PostgreSQL's initdb and pg_ctl were not found under /usr/lib/postgresql/*/bin "
                        + "(or $TASKPOOL_PG_BIN): install PostgreSQL to run these tests");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Path bin = PostgresServer.binaries().orElseThrow();
        return context.getRoot().getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
                .getOrComputeIfAbsent("server", key -> {
                    try {
                        return PostgresServer.start(bin);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, PostgresServer.class);
    }
}

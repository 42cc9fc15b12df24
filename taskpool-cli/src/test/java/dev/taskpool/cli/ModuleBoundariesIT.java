package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.taskpool.TaskPool;
import dev.taskpool.control.ControlServer;
import java.io.File;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The module boundaries as a user's module meets them: a module that requires
 * {@code dev.taskpool.control} compiles against the API and runs a pool with a control
 * server on the module path, while reaching into the packages behind the API does not
 * compile. Runs on the built jars, in the integration-test phase.
 */
class ModuleBoundariesIT {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private static List<Path> modulePath;

    @BeforeAll
    static void theJarsAreBuilt() throws URISyntaxException {
        modulePath = List.of(location(TaskPool.class), location(ControlServer.class), location(LoggerFactory.class),
                location(JsonFactory.class), location(JSON.class));
        assumeTrue(modulePath.stream().limit(2).allMatch(Files::isRegularFile), "the module jars are built by 'mvn package'");
    }

    @Test
    void theJarsAreNamedModulesExportingTheirApiOnly() {
        ModuleDescriptor core = descriptor("dev.taskpool");
        ModuleDescriptor control = descriptor("dev.taskpool.control");

        assertThat(exports(core)).containsExactlyInAnyOrder("dev.taskpool", "dev.taskpool.function", "dev.taskpool.jmx",
                "dev.taskpool.internal to [dev.taskpool.control]");
        assertThat(exports(control)).containsExactly("dev.taskpool.control");
        assertThat(control.packages()).contains("dev.taskpool.control.wire", "dev.taskpool.control.command",
                "dev.taskpool.control.literal", "dev.taskpool.control.text");
    }

    @Test
    void aUserModuleCompilesAgainstTheApiAndRunsAPoolWithAControlServer() throws Exception {
        Path classes = compile("""
                package user.app;

                import dev.taskpool.SimpleTaskPool;
                import dev.taskpool.control.ControlClient;
                import dev.taskpool.control.ControlEndpoint;
                import dev.taskpool.control.ControlServer;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(60_000)).name("workers").build();
                        try (ControlServer server = ControlServer.forPools(workers).start(ControlEndpoint.loopback(0));
                             ControlClient client = ControlClient.connect(server.endpoint(), ControlClient.Options.defaults())) {
                            System.out.println(client.send("start 2").output());
                            System.out.println(client.send("num-running").output());
                            System.out.println(client.send("start -h").output().lines().findFirst().orElseThrow());
                            System.out.println(client.send("pool-size x").error().orElseThrow());
                        }
                        workers.stopAll();
                        workers.gatherAndClose();
                    }
                }
                """).orElseThrow(AssertionError::new);

        List<String> command = new ArrayList<>(List.of(JAVA, "--module-path",
                modulePathWith(classes), "-m", "user.app/user.app.Main"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(out).isZero();
        // The command model read the pool's methods and their Javadoc across the module boundary.
        assertThat(out).contains("start-group-0\n2\nusage: start [-h] num\nusage\n");
    }

    @Test
    void reachingBehindTheApiDoesNotCompile() throws Exception {
        String core = compileErrors("""
                package user.app;

                public class Main {
                    Object registry = dev.taskpool.internal.TaskRegistry.class;
                }
                """);
        String control = compileErrors("""
                package user.app;

                public class Main {
                    Object format = dev.taskpool.control.wire.WireFormat.TEXT;
                }
                """);

        assertThat(core).contains("package dev.taskpool.internal is declared in module dev.taskpool, which does not export it");
        assertThat(control).contains("package dev.taskpool.control.wire is declared in module dev.taskpool.control, "
                + "which does not export it");
    }

    /** Compiles module {@code user.app} with this source as {@code user.app.Main}; empty if it does not compile. */
    private java.util.Optional<Path> compile(String source) throws Exception {
        StringWriter errors = new StringWriter();
        Path classes = compileInto(source, errors);
        return errors.toString().contains("error:") ? java.util.Optional.empty() : java.util.Optional.of(classes);
    }

    private String compileErrors(String source) throws Exception {
        StringWriter errors = new StringWriter();
        compileInto(source, errors);
        assertThat(errors.toString()).contains("error:");
        return errors.toString();
    }

    private Path compileInto(String source, StringWriter errors) throws Exception {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.resolve("user/app"));
        Files.createDirectories(classes);
        Files.writeString(src.resolve("module-info.java"), "module user.app { requires dev.taskpool.control; }\n");
        Path main = Files.writeString(src.resolve("user/app/Main.java"), source);
        // An empty class path: this JVM's own (the test's) would be the unnamed module.
        Path noClassPath = Files.createDirectories(dir.resolve("no-class-path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        javac.getTask(errors, null, null, List.of("--release", "21", "-d", classes.toString(),
                        "--class-path", noClassPath.toString(),
                        "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjects(src.resolve("module-info.java"), main)).call();
        return classes;
    }

    private static String modulePathWith(Path classes) {
        List<String> entries = new ArrayList<>(List.of(classes.toString()));
        modulePath.forEach(path -> entries.add(path.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static ModuleDescriptor descriptor(String name) {
        ModuleReference reference = ModuleFinder.of(modulePath.toArray(Path[]::new)).find(name)
                .orElseThrow(() -> new AssertionError("no module " + name + " on " + modulePath));
        return reference.descriptor();
    }

    private static Set<String> exports(ModuleDescriptor descriptor) {
        return descriptor.exports().stream()
                .map(e -> e.isQualified() ? e.source() + " to " + e.targets().stream().sorted().toList() : e.source())
                .collect(Collectors.toSet());
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staged release (a Maven repository directory, target/staging-deploy by default) for
 * what Maven Central requires of every published artifact, and for what this project promises on
 * top of it. Run by scripts/check-staging.sh; exits 1 naming each problem, 0 when there is none.
 *
 * <p>Per pom, parent poms included (Central reads metadata through the parent chain): name,
 * description, url, a license with name and url, a developer, scm connection and url; a parent
 * that is staged too. Per jar artifact: the jar with an Automatic-Module-Name (or a module
 * descriptor), a sources jar that holds Java sources and a javadoc jar that holds an index.html. Per file: .md5 and .sha1 that match it, and with {@code --signed} an
 * .asc signature that gpg verifies. Across artifacts: one version; every dev.taskpool artifact
 * that a published pom depends on is staged; taskpool-bom has no parent and manages exactly the
 * staged jar artifacts.
 */
public class CheckStaging {

    private static final String BOM = "taskpool-bom";
    private static final Pattern MODULE_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** One staged pom: where it is, what it says, and the base name its files share. */
    record Staged(Path pom, Element project, String groupId, String artifactId, String version,
                  String packaging, String base) {
        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    private final Path root;
    private final boolean signed;
    private final Set<String> problems = new LinkedHashSet<>();
    private final Map<String, Staged> byCoordinates = new LinkedHashMap<>();

    CheckStaging(Path root, boolean signed) {
        this.root = root;
        this.signed = signed;
    }

    public static void main(String[] args) throws Exception {
        boolean signed = false;
        Path root = Path.of("target", "staging-deploy");
        for (String arg : args) {
            if (arg.equals("--signed")) {
                signed = true;
            } else if (arg.startsWith("-")) {
                System.err.println("usage: check-staging [--signed] [staging directory]");
                System.exit(2);
            } else {
                root = Path.of(arg);
            }
        }
        if (!Files.isDirectory(root)) {
            System.err.println("check-staging: " + root + " is no directory; stage a release first"
                    + " (scripts/stage-release.sh)");
            System.exit(1);
        }
        CheckStaging check = new CheckStaging(root, signed);
        check.run();
        check.problems.forEach(p -> System.out.println("FAIL " + p));
        if (!check.problems.isEmpty()) {
            System.out.println(check.problems.size() + " problem(s) in " + root);
            System.exit(1);
        }
        System.out.println("ok: " + check.byCoordinates.size() + " artifacts in " + root
                + (signed ? ", signed" : ", unsigned (pass --signed to require signatures)"));
    }

    void run() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path pom : files.filter(p -> p.toString().endsWith(".pom")).sorted().toList()) {
                Staged staged = read(pom);
                byCoordinates.put(staged.coordinates(), staged);
            }
        }
        if (byCoordinates.isEmpty()) {
            problems.add("no pom in " + root);
            return;
        }
        for (Staged staged : byCoordinates.values()) {
            checkMetadata(staged);
            checkFiles(staged);
            checkDependencies(staged);
        }
        checkVersions();
        checkBom();
        checkChecksums();
    }

    private Staged read(Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(pom.toFile()).getDocumentElement();
        Element parent = child(project, "parent");
        String groupId = text(project, "groupId", parent == null ? null : text(parent, "groupId", null));
        String version = text(project, "version", parent == null ? null : text(parent, "version", null));
        String name = pom.getFileName().toString();
        return new Staged(pom, project, groupId, text(project, "artifactId", null), version,
                text(project, "packaging", "jar"), name.substring(0, name.length() - ".pom".length()));
    }

    private void checkMetadata(Staged staged) {
        String what = staged.coordinates();
        for (String element : List.of("name", "description", "url")) {
            if (inherited(staged, element) == null) {
                problems.add(what + ": no <" + element + ">");
            }
        }
        Element licenses = inherited(staged, "licenses");
        Element license = licenses == null ? null : child(licenses, "license");
        if (license == null || text(license, "name", null) == null || text(license, "url", null) == null) {
            problems.add(what + ": no <license> with a name and a url");
        }
        Element developers = inherited(staged, "developers");
        Element developer = developers == null ? null : child(developers, "developer");
        if (developer == null || text(developer, "name", null) == null) {
            problems.add(what + ": no <developer> with a name");
        }
        Element scm = inherited(staged, "scm");
        if (scm == null || text(scm, "connection", null) == null || text(scm, "url", null) == null) {
            problems.add(what + ": no <scm> with a connection and a url");
        }
    }

    /** The element as Central sees it: from the pom, or else from the nearest parent that has it. */
    private Element inherited(Staged staged, String element) {
        for (Staged pom = staged; pom != null; pom = parentOf(pom)) {
            Element found = child(pom.project(), element);
            if (found != null && !found.getTextContent().isBlank()) {
                return found;
            }
        }
        return null;
    }

    private Staged parentOf(Staged staged) {
        Element parent = child(staged.project(), "parent");
        if (parent == null) {
            return null;
        }
        String coordinates = text(parent, "groupId", null) + ":" + text(parent, "artifactId", null)
                + ":" + text(parent, "version", null);
        Staged found = byCoordinates.get(coordinates);
        if (found == null) {
            problems.add(staged.coordinates() + ": parent " + coordinates + " is not staged");
        }
        return found;
    }

    private void checkFiles(Staged staged) throws IOException {
        List<String> required = new ArrayList<>(List.of(".pom"));
        if (!staged.packaging().equals("pom")) {
            required.addAll(List.of(".jar", "-sources.jar", "-javadoc.jar"));
        }
        for (String suffix : required) {
            Path file = staged.pom().resolveSibling(staged.base() + suffix);
            if (!Files.isRegularFile(file)) {
                problems.add(staged.coordinates() + ": no " + file.getFileName());
            }
        }
        if (!staged.packaging().equals("pom")) {
            checkModuleName(staged, staged.pom().resolveSibling(staged.base() + ".jar"));
            checkHolds(staged, "-sources.jar", ".java", "no Java source");
            checkHolds(staged, "-javadoc.jar", "index.html", "no index.html");
        }
        if (signed) {
            try (Stream<Path> siblings = Files.list(staged.pom().getParent())) {
                for (Path file : siblings.filter(p -> isArtifactFile(staged, p)).sorted().toList()) {
                    checkSignature(file);
                }
            }
        }
    }

    /** An empty sources or javadoc jar passes Central's check but helps nobody. */
    private void checkHolds(Staged staged, String suffix, String entrySuffix, String problem) throws IOException {
        Path jar = staged.pom().resolveSibling(staged.base() + suffix);
        if (!Files.isRegularFile(jar)) {
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.stream().noneMatch(entry -> entry.getName().endsWith(entrySuffix))) {
                problems.add(staged.coordinates() + ": " + jar.getFileName() + " holds " + problem);
            }
        }
    }

    private static boolean isArtifactFile(Staged staged, Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(staged.base()) && !isChecksumOrSignature(name);
    }

    private void checkModuleName(Staged staged, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            boolean hasDescriptor = file.getEntry("module-info.class") != null;
            if (!hasDescriptor && (name == null || !MODULE_NAME.matcher(name).matches())) {
                problems.add(staged.coordinates() + ": Automatic-Module-Name is "
                        + (name == null ? "missing" : "'" + name + "', not a module name"));
            }
        }
    }

    private void checkSignature(Path file) throws IOException {
        Path asc = file.resolveSibling(file.getFileName() + ".asc");
        if (!Files.isRegularFile(asc)) {
            problems.add(root.relativize(file) + ": no .asc signature");
            return;
        }
        Process gpg = new ProcessBuilder("gpg", "--batch", "--verify", asc.toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(gpg.getInputStream().readAllBytes());
        try {
            if (gpg.waitFor() != 0) {
                problems.add(root.relativize(asc) + ": gpg does not verify it: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while gpg verified " + asc, e);
        }
    }

    private void checkDependencies(Staged staged) {
        List<Element> dependencies = new ArrayList<>();
        Element direct = child(staged.project(), "dependencies");
        if (direct != null) {
            dependencies.addAll(children(direct, "dependency"));
        }
        Element management = child(staged.project(), "dependencyManagement");
        Element managed = management == null ? null : child(management, "dependencies");
        if (managed != null) {
            dependencies.addAll(children(managed, "dependency"));
        }
        for (Element dependency : dependencies) {
            String groupId = interpolate(staged, text(dependency, "groupId", ""));
            if (!groupId.equals(staged.groupId()) || "test".equals(text(dependency, "scope", null))) {
                continue;
            }
            String coordinates = groupId + ":" + text(dependency, "artifactId", "") + ":"
                    + interpolate(staged, text(dependency, "version", staged.version()));
            if (!byCoordinates.containsKey(coordinates)) {
                problems.add(staged.coordinates() + ": depends on " + coordinates + ", which is not staged");
            }
        }
    }

    private static String interpolate(Staged staged, String value) {
        return value.replace("${project.version}", staged.version())
                .replace("${project.groupId}", staged.groupId());
    }

    private void checkVersions() {
        Set<String> versions = new TreeSet<>();
        byCoordinates.values().forEach(s -> versions.add(s.version()));
        if (versions.size() > 1) {
            problems.add("more than one version staged: " + versions);
        }
        if (versions.stream().anyMatch(v -> v.endsWith("-SNAPSHOT"))) {
            System.out.println("note: " + versions + " is a snapshot; Central publishes release versions only");
        }
    }

    private void checkBom() {
        Staged bom = byCoordinates.values().stream()
                .filter(s -> s.artifactId().equals(BOM)).findFirst().orElse(null);
        if (bom == null) {
            problems.add(BOM + " is not staged");
            return;
        }
        if (child(bom.project(), "parent") != null) {
            problems.add(bom.coordinates() + ": has a parent, whose dependencyManagement an import would bring in");
        }
        Set<String> managed = new TreeSet<>();
        Element management = child(bom.project(), "dependencyManagement");
        Element dependencies = management == null ? null : child(management, "dependencies");
        for (Element dependency : dependencies == null ? List.<Element>of() : children(dependencies, "dependency")) {
            String groupId = interpolate(bom, text(dependency, "groupId", ""));
            String artifactId = text(dependency, "artifactId", "");
            if (!groupId.equals(bom.groupId())) {
                problems.add(bom.coordinates() + ": manages " + groupId + ":" + artifactId
                        + ", which is no Taskpool module");
            }
            managed.add(artifactId);
        }
        Set<String> published = new TreeSet<>();
        byCoordinates.values().stream().filter(s -> !s.packaging().equals("pom"))
                .forEach(s -> published.add(s.artifactId()));
        if (!managed.equals(published)) {
            problems.add(bom.coordinates() + ": manages " + managed + " but the staged jar artifacts are "
                    + published);
        }
    }

    /** Every file Central receives, metadata included, needs an .md5 and a .sha1 that match. */
    private void checkChecksums() throws IOException, NoSuchAlgorithmException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(p -> !isChecksumOrSignature(p.getFileName().toString())).sorted().toList()) {
                checkChecksum(file, "md5", "MD5");
                checkChecksum(file, "sha1", "SHA-1");
            }
        }
    }

    private void checkChecksum(Path file, String extension, String algorithm)
            throws IOException, NoSuchAlgorithmException {
        Path sum = file.resolveSibling(file.getFileName() + "." + extension);
        if (!Files.isRegularFile(sum)) {
            problems.add(root.relativize(file) + ": no ." + extension);
            return;
        }
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
        String stated = Files.readString(sum).strip().split("\\s+")[0];
        if (!stated.equalsIgnoreCase(expected)) {
            problems.add(root.relativize(sum) + ": does not match the file");
        }
    }

    private static boolean isChecksumOrSignature(String name) {
        return name.matches(".*\\.(md5|sha1|sha256|sha512|asc)");
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name, String otherwise) {
        Element element = child(parent, name);
        return element == null || element.getTextContent().isBlank() ? otherwise : element.getTextContent().strip();
    }
}

package dev.taskpool.docprocessor;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps the Javadoc of every public method of every public class compiled with it as a
 * resource, {@code META-INF/taskpool/javadoc/<binary class name>.properties}, so that the
 * control interface can show the documentation itself as help text (one source of truth).
 *
 * <p>Keys: {@code <method>(<erased parameter types>)} holds the method's first sentence,
 * {@code ...#param.<name>} each parameter's description and {@code ...#returns} the return
 * description; inline tags are reduced to their text and HTML is stripped. A reference to a
 * constant field ({@code {@link #UNBOUNDED}}, {@code {@value #UNBOUNDED}}) is kept as
 * {@code {@value <binary class name>#<field>}}, and the key {@code const:<binary class
 * name>#<field>} holds the constant as a Java literal ({@code 2147483647}), so that a reader
 * can show the value its own users type for it.
 */
@SupportedAnnotationTypes("*")
public final class JavadocIndexProcessor extends AbstractProcessor {

    /** Where the index of a class lives, relative to the class path root. */
    public static final String RESOURCE_PREFIX = "META-INF/taskpool/javadoc/";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement type && type.getModifiers().contains(Modifier.PUBLIC)
                    && !processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString()
                    .contains(".internal")) {
                index(type);
            }
        }
        return false;
    }

    private void index(TypeElement type) {
        Map<String, String> entries = new TreeMap<>();
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() != ElementKind.METHOD || !member.getModifiers().contains(Modifier.PUBLIC)) {
                continue;
            }
            String doc = processingEnv.getElementUtils().getDocComment(member);
            if (doc == null) {
                continue;
            }
            ExecutableElement method = (ExecutableElement) member;
            String key = key(method);
            JavadocText text = JavadocText.parse(doc, reference -> constantReference(type, reference, entries));
            entries.put(key, text.summary());
            text.params().forEach((name, description) -> entries.put(key + "#param." + name, description));
            if (!text.returns().isEmpty()) {
                entries.put(key + "#returns", text.returns());
            }
        }
        if (!entries.isEmpty()) {
            write(type, entries);
        }
    }

    /**
     * For a reference to a constant field, its marker, noting the constant in {@code entries};
     * {@code null} for anything else.
     */
    private String constantReference(TypeElement context, String reference, Map<String, String> entries) {
        int hash = reference.indexOf('#');
        if (hash < 0 || reference.indexOf('(') >= 0) {
            return null;
        }
        String member = reference.substring(hash + 1);
        TypeElement owner = hash == 0 ? context : type(context, reference.substring(0, hash));
        if (owner == null) {
            return null;
        }
        Elements elements = processingEnv.getElementUtils();
        for (Element element : elements.getAllMembers(owner)) {
            if (element.getKind() == ElementKind.FIELD && element.getSimpleName().contentEquals(member)
                    && ((VariableElement) element).getConstantValue() != null) {
                String key = elements.getBinaryName((TypeElement) element.getEnclosingElement()) + "#" + member;
                entries.put("const:" + key, elements.getConstantExpression(((VariableElement) element).getConstantValue()));
                return "{@value " + key + "}";
            }
        }
        return null;
    }

    /** The type a Javadoc reference names: fully qualified, nested in the context, or in its package. */
    private TypeElement type(TypeElement context, String name) {
        Elements elements = processingEnv.getElementUtils();
        for (Element member : context.getEnclosedElements()) {
            if (member instanceof TypeElement nested && nested.getSimpleName().contentEquals(name)) {
                return nested;
            }
        }
        String packageName = elements.getPackageOf(context).getQualifiedName().toString();
        for (String candidate : List.of(name, packageName + "." + name, "java.lang." + name)) {
            TypeElement found = elements.getTypeElement(candidate);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private String key(ExecutableElement method) {
        List<String> types = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            types.add(processingEnv.getTypeUtils().erasure(parameter.asType()).toString());
        }
        return method.getSimpleName() + "(" + String.join(",", types) + ")";
    }

    private void write(TypeElement type, Map<String, String> entries) {
        String binaryName = processingEnv.getElementUtils().getBinaryName(type).toString();
        Properties properties = new Properties();
        properties.putAll(entries);
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    RESOURCE_PREFIX + binaryName + ".properties", type);
            try (Writer writer = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                properties.store(writer, "Javadoc of " + binaryName + ", for help texts");
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                    "could not write the Javadoc index of " + binaryName + ": " + e.getMessage(), type);
        }
    }
}

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
 * description; inline tags are reduced to their text and HTML is stripped.
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
            JavadocText text = JavadocText.parse(doc);
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

package io.tradewind.sandbox.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.model.topology.Deployable;
import io.tradewind.opsconsole.OpsConsoleApplication;
import io.tradewind.platform.probe.HealthCheck;
import io.tradewind.reconciliation.ReconciliationReplayApplication;
import io.tradewind.settlementmatching.SettlementMatchingApplication;
import io.tradewind.tradegenerator.TradeGeneratorService;
import io.tradewind.tradematching.TradeMatchingApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each deployable's image as Jib built it in this build ({@code <module>/target/jib-image.tar}, on a base that needs no
 * registry), read without a Docker engine: its name and tag, the entry point (the JVM's container flags, the image's
 * classpath, the deployable's main class, present in its layers), a user that is not root, the exposed port and the
 * health check's class on the classpath the health check command names.
 */
class ImagesIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each deployable and the main class its image runs. */
    static Map<Deployable, Class<?>> deployables() {
        Map<Deployable, Class<?>> deployables = new EnumMap<>(Deployable.class);
        deployables.put(Deployable.TRADE_MATCHING, TradeMatchingApplication.class);
        deployables.put(Deployable.SETTLEMENT_MATCHING, SettlementMatchingApplication.class);
        deployables.put(Deployable.TRADE_GENERATOR, TradeGeneratorService.class);
        deployables.put(Deployable.RECONCILIATION_REPLAY, ReconciliationReplayApplication.class);
        deployables.put(Deployable.OPS_CONSOLE, OpsConsoleApplication.class);
        return deployables;
    }

    /** Every deployable of {@link Deployable}, so a new one without an image fails here. */
    static List<Deployable> everyDeployable() {
        assertThat(deployables().keySet()).containsExactlyInAnyOrder(Deployable.values());
        return List.of(Deployable.values());
    }

    @ParameterizedTest
    @MethodSource("everyDeployable")
    void isNamedRunsItsMainClassAsNotRootAndExposesItsPort(Deployable deployable) throws IOException {
        Image image = Image.read(REPOSITORY.resolve(deployable.id()).resolve("target/jib-image.tar"));
        String version = versionOfTheBuild();

        assertThat(image.manifest.path("RepoTags").get(0).asText()).isEqualTo(deployable.image() + ":" + version);

        JsonNode config = image.config.path("config");
        List<String> entrypoint = strings(config.path("Entrypoint"));
        String mainClass = deployables().get(deployable).getName();
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size()))
                .containsExactly("-cp", HealthCheck.IMAGE_CLASSPATH, mainClass);
        assertThat(image.hasClass("app/classes/", mainClass))
                .as(mainClass + " in the image")
                .isTrue();

        String user = config.path("User").asText();
        assertThat(user).as("the image's user").isNotBlank().isNotIn("root", "0", "0:0");
        assertThat(user.split(":")[0]).isNotEqualTo("0").matches("[0-9]+");

        List<String> env = strings(config.path("Env"));
        if (deployable == Deployable.RECONCILIATION_REPLAY) {
            // A task that runs to completion: no server, so nothing to expose and no health check.
            assertThat(config.path("ExposedPorts").size()).isZero();
        } else {
            assertThat(fieldNames(config.path("ExposedPorts"))).containsExactly(HealthCheck.DEFAULT_PORT + "/tcp");
            assertThat(env).contains("SERVER_PORT=" + HealthCheck.DEFAULT_PORT);
        }
    }

    @ParameterizedTest
    @MethodSource("everyDeployable")
    void carriesTheHealthCheckOnTheClasspathItsCommandNames(Deployable deployable) throws IOException {
        Image image = Image.read(REPOSITORY.resolve(deployable.id()).resolve("target/jib-image.tar"));
        List<String> command = HealthCheck.command(HealthCheck.READINESS);
        String classpathFile = command.get(command.indexOf("-cp") + 1).substring(1); // "@/app/..." names the file
        String classpath = image.text(classpathFile.substring(1));
        assertThat(classpath).as(classpathFile).isNotBlank();
        List<String> jars = new ArrayList<>();
        for (String entry : classpath.trim().split(":")) if (entry.endsWith(".jar")) jars.add(entry.substring(1));
        String healthCheck = HealthCheck.class.getName().replace('.', '/') + ".class";
        assertThat(jars.stream().anyMatch(jar -> image.jarHas(jar, healthCheck)))
                .as(healthCheck + " in a jar of " + classpathFile)
                .isTrue();
    }

    /** An image tar: its manifest, configuration and the files of its layers that the test asks for. */
    private record Image(JsonNode manifest, JsonNode config, Map<String, byte[]> layers) {
        static Image read(Path tar) throws IOException {
            assertThat(tar)
                    .as("the image tar: build it with ./mvnw -B package (Jib's buildTar runs in the package phase)")
                    .exists();
            Map<String, byte[]> files;
            try (InputStream in = Files.newInputStream(tar)) {
                files = ImageTar.files(in, name -> true);
            }
            JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
            JsonNode config = JSON.readTree(files.get(manifest.path("Config").asText()));
            Map<String, byte[]> layerFiles = new LinkedHashMap<>();
            for (JsonNode layer : manifest.path("Layers"))
                layerFiles.putAll(ImageTar.layerFiles(files.get(layer.asText()), Image::kept));
            return new Image(manifest, config, layerFiles);
        }

        /** What the checks read: the classes, the classpath file and the platform's jar (not the other ~100 MB). */
        static boolean kept(String name) {
            return name.startsWith("app/classes/")
                    || name.equals("app/jib-classpath-file")
                    || name.startsWith("app/libs/platform-");
        }

        boolean hasClass(String root, String className) {
            return layers.containsKey(root + className.replace('.', '/') + ".class");
        }

        String text(String path) {
            byte[] content = layers.get(path);
            return content == null ? "" : new String(content, StandardCharsets.UTF_8);
        }

        boolean jarHas(String jarPath, String entryName) {
            byte[] jar = layers.get(jarPath);
            if (jar == null) return false;
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry())
                    if (entry.getName().equals(entryName)) return true;
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The version the build gives its images' tags: the root pom's. */
    private static String versionOfTheBuild() throws IOException {
        Matcher version = Pattern.compile("<artifactId>tradewind</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(REPOSITORY.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }
}

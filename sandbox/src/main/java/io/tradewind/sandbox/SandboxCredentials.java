package io.tradewind.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sandbox's credentials file, {@code <work-dir>/credentials.properties}: one {@code user=password} line per broker
 * user (the demo participants', and the services'), as {@link Properties} reads it, so clients such as the trade
 * generator take their secrets from a file rather than a command line. Readable and writable by its owner only, and
 * created so from the start: no moment exists when others could read it.
 */
public final class SandboxCredentials {
    public static final String FILE_NAME = "credentials.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SandboxCredentials() {}

    public static Path fileIn(Path workDir) {
        return workDir.resolve(FILE_NAME);
    }

    /** Adds these users to the file (replacing the passwords of users it holds), creating it owner-only if needed. */
    public static void add(Path file, Map<String, String> passwordsByUser) {
        Map<String, String> all = new TreeMap<>(read(file));
        all.putAll(passwordsByUser);
        Properties properties = new Properties();
        properties.putAll(all);
        try {
            createOwnerOnly(file);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "Tradewind sandbox broker users: user=password. Secret: keep it to yourself.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials file " + file, e);
        }
    }

    /** The users and passwords the file holds; none when it does not exist. */
    public static Map<String, String> read(Path file) {
        if (!Files.exists(file)) return Map.of();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file, e);
        }
        Map<String, String> users = new TreeMap<>();
        properties.stringPropertyNames().forEach(user -> users.put(user, properties.getProperty(user)));
        return users;
    }

    private static void createOwnerOnly(Path file) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try {
            if (posix) Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            else Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            // Made before (by us, or with the services' users): its permissions are made owner-only below.
        }
        if (posix) Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
}

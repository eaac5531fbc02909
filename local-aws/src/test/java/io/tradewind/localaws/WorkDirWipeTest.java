package io.tradewind.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean start keeps PostgreSQL's unpacked binaries, but not an unpack a stopped start left half done: zonky would unpack
 * over it and fail on its first file ({@code FileAlreadyExistsException: .../lib/libpq.so}), so a sandbox stopped while
 * it first started could never start again in that work dir.
 */
class WorkDirWipeTest {
    @TempDir
    Path workDir;

    @Test
    void wipesEverythingButCompletelyUnpackedPostgresBinaries() throws Exception {
        Path unpacked = workDir.resolve("postgres-binaries/PG-complete");
        Files.createDirectories(unpacked.resolve("lib"));
        Files.writeString(unpacked.resolve("lib/libpq.so"), "x");
        Files.createFile(unpacked.resolve(LocalAws.UNPACKED_MARKER));
        Path halfUnpacked = workDir.resolve("postgres-binaries/PG-stopped-half-way");
        Files.createDirectories(halfUnpacked.resolve("lib"));
        Files.writeString(halfUnpacked.resolve("lib/libpq.so"), "x");
        Path broker = workDir.resolve("us-east-1/activemq/kahadb");
        Files.createDirectories(broker);
        Files.writeString(broker.resolve("db.data"), "x");

        LocalAws.wipeExceptBinaries(workDir);

        assertThat(unpacked.resolve("lib/libpq.so")).exists();
        assertThat(halfUnpacked).doesNotExist();
        assertThat(workDir.resolve("us-east-1")).doesNotExist();
    }
}

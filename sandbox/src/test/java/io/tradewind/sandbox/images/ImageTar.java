package io.tradewind.sandbox.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * The files of a tar stream (POSIX ustar, with GNU long names and PAX headers skipped over), as Jib writes an image
 * tar and its layers: enough to read an image's manifest, configuration and layer contents without a Docker engine.
 */
final class ImageTar {
    private static final int BLOCK = 512;

    private ImageTar() {}

    /** The regular files of {@code tar} whose names {@code wanted} accepts, by name, with their contents. */
    static Map<String, byte[]> files(InputStream tar, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (readFully(tar, header)) {
            if (isZero(header)) break;
            String name = longName != null ? longName : nameOf(header);
            longName = null;
            long size = Long.parseLong(
                    text(header, 124, 12).trim().isEmpty()
                            ? "0"
                            : text(header, 124, 12).trim(),
                    8);
            char type = (char) header[156];
            byte[] content = null;
            boolean keep = type == 'L' || ((type == '0' || type == 0) && wanted.test(name));
            if (keep) {
                content = tar.readNBytes((int) size);
                skip(tar, padding(size));
            } else {
                skip(tar, size + padding(size));
            }
            if (type == 'L') longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
            else if (content != null) files.put(stripDot(name), content);
        }
        return files;
    }

    /** The files of a gzipped layer. */
    static Map<String, byte[]> layerFiles(byte[] gzippedLayer, Predicate<String> wanted) throws IOException {
        try (InputStream layer = new GZIPInputStream(new ByteArrayInputStream(gzippedLayer))) {
            return files(layer, wanted);
        }
    }

    private static String nameOf(byte[] header) {
        String name = text(header, 0, 100);
        String magic = text(header, 257, 6);
        String prefix = magic.startsWith("ustar") ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String stripDot(String name) {
        String stripped = name.startsWith("./") ? name.substring(2) : name;
        return stripped.startsWith("/") ? stripped.substring(1) : stripped;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) end++;
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) if (b != 0) return false;
        return true;
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, block.length);
        if (read == 0) return false;
        if (read < block.length) throw new IOException("a tar ends inside a header");
        return true;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        in.skipNBytes(bytes);
    }
}

package io.tradewind.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free loopback ports for emulators that cannot bind port 0 themselves and report the port they got. */
public final class Ports {
    private Ports() {}

    /** Returns {@code port} unless it is 0, in which case a port that was free a moment ago. */
    public static int orFree(int port) {
        if (port != 0) return port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}

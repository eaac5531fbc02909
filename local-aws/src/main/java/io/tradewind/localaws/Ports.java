package io.tradewind.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free loopback ports for emulators that cannot bind port 0 themselves and report the port they got, and names
 * the sandbox's fixed ports that clients outside this module must agree on.
 */
public final class Ports {
    /**
     * The sandbox's emulation of the Amazon MQ user API (the brokers' users, which onboarding keeps), beside the ARC
     * cluster's 47001-47002 and the global databases' 47005. The ops console's sandbox topology points here.
     */
    public static final int MQ_API = 47006;

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

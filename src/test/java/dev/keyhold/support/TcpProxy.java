package dev.keyhold.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of a server (PostgreSQL), for outage tests: {@link #cut} closes every
 * connection and then either refuses new ones (nothing listens: the client gets a reset at once) or black-holes them
 * (accepted, never answered, like a network partition); {@link #restore} forwards again. Close it when done.
 */
public final class TcpProxy implements AutoCloseable {

    /** What a connection attempt meets while the proxy is cut. */
    public enum Cut {
        /** Nothing listens on the port: connecting fails at once ("connection refused"). */
        REFUSE,
        /** Connections are accepted and then never answered, as behind a network partition. */
        BLACKHOLE
    }

    private final InetSocketAddress target;

    private final int port;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private final AtomicInteger accepted = new AtomicInteger();

    private volatile ServerSocket listener;

    private volatile Cut cut;

    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
        this.listener = listen(0);
        this.port = this.listener.getLocalPort();
        startAccepting(this.listener);
    }

    /** A proxy forwarding a free loopback port to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    /** The loopback port clients connect to. */
    public int port() {
        return this.port;
    }

    /** Connections accepted so far, forwarded or black-holed. */
    public int accepted() {
        return this.accepted.get();
    }

    /** Closes every connection, then refuses or black-holes new ones until {@link #restore}. */
    public synchronized void cut(Cut how) {
        this.cut = how;
        if (how == Cut.REFUSE) {
            closeQuietly(this.listener);
        }
        this.open.forEach(TcpProxy::closeQuietly);
        this.open.clear();
    }

    /** Forwards new connections again; black-holed ones are closed, as a healed partition's timed-out ones would be. */
    public synchronized void restore() {
        Cut was = this.cut;
        this.cut = null;
        this.open.forEach(TcpProxy::closeQuietly);
        this.open.clear();
        if (was == Cut.REFUSE) {
            this.listener = listen(this.port);
            startAccepting(this.listener);
        }
    }

    @Override
    public synchronized void close() {
        this.closed = true;
        closeQuietly(this.listener);
        this.open.forEach(TcpProxy::closeQuietly);
        this.open.clear();
    }

    private void startAccepting(ServerSocket server) {
        Thread acceptor = new Thread(() -> accept(server), "tcp-proxy-accept-" + this.port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket server) {
        while (!this.closed && !server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException ex) {
                return; // the listener was closed by cut(REFUSE) or close()
            }
            this.accepted.incrementAndGet();
            synchronized (this) {
                if (this.cut == Cut.REFUSE) {
                    closeQuietly(client); // accepted just before the cut closed the listener
                    continue;
                }
                this.open.add(client);
                if (this.cut == Cut.BLACKHOLE) {
                    continue; // held open, never read, never answered
                }
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(this.target, 2000);
            } catch (IOException ex) {
                closeQuietly(upstream);
                closeQuietly(client);
                continue;
            }
            synchronized (this) {
                if (this.cut != null) { // cut while connecting upstream
                    closeQuietly(upstream);
                    closeQuietly(client);
                    continue;
                }
                this.open.add(upstream);
            }
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ex) {
                        // the other side went away, or cut() closed it
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        this.open.remove(from);
                        this.open.remove(to);
                    }
                },
                "tcp-proxy-" + this.port);
        thread.setDaemon(true);
        thread.start();
    }

    private static ServerSocket listen(int port) {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return server;
            } catch (IOException ex) {
                last = ex;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new UncheckedIOException("cannot listen on loopback port " + port, last);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            if (closeable instanceof Socket socket && !socket.isClosed()) {
                try {
                    socket.setSoLinger(true, 0); // a reset, like a peer that vanished
                } catch (SocketException ignored) {
                    // already gone
                }
            }
            closeable.close();
        } catch (IOException ignored) {
            // nothing left to close
        }
    }
}

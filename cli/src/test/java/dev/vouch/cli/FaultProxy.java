package dev.vouch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A small TCP proxy between vouch and a plain-HTTP registry that reads just enough HTTP to pick a request and
 * spoil its answer: reset the connection halfway through the body, answer with a status (503, 429 with
 * Retry-After), flip one byte of the body, or redirect elsewhere. Every request line is recorded. Each response
 * closes its connection, so every request arrives on a connection of its own.
 */
final class FaultProxy implements AutoCloseable {
    sealed interface Fault permits Reset, Stall, Status, Flip, Redirect {}

    /** Sends the head and half the body, then resets the connection. */
    record Reset() implements Fault {}

    /** Sends the head and half the body, then goes silent for a while before closing. */
    record Stall(long millis) implements Fault {}

    /** Answers with a status and headers instead of forwarding. */
    record Status(int code, String headers) implements Fault {}

    /** Forwards the answer with one byte of the body inverted. */
    record Flip() implements Fault {}

    /** Answers 307 to the given base URL plus the request's path. */
    record Redirect(String base) implements Fault {}

    private record Rule(Predicate<String> matches, Fault fault, int[] left) {}

    private final ServerSocket server;
    private final int target;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    FaultProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "fault-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String host() {
        return "127.0.0.1:" + port();
    }

    /** Spoils the next {@code times} requests whose request line ("GET /v2/…") matches. */
    void inject(Predicate<String> requestLine, Fault fault, int times) {
        rules.add(new Rule(requestLine, fault, new int[] {times}));
    }

    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized Fault take(String line) {
        for (Rule r : rules) {
            if (r.left()[0] > 0 && r.matches().test(line)) {
                r.left()[0]--;
                return r.fault();
            }
        }
        return null;
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String line = head.substring(0, head.indexOf("\r\n"));
            requests.add(line);
            Fault fault = take(line);
            OutputStream out = client.getOutputStream();
            if (fault instanceof Status s) {
                out.write(("HTTP/1.1 " + s.code() + " Spoiled\r\nContent-Length: 0\r\nConnection: close\r\n"
                                + s.headers() + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            if (fault instanceof Redirect r) {
                String path = line.split(" ")[1];
                out.write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + r.base() + path
                                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
                upstream.getOutputStream().write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
                upstream.getOutputStream().flush();
                InputStream up = upstream.getInputStream();
                String responseHead = readHead(up);
                if (responseHead == null) {
                    return;
                }
                long length = contentLength(responseHead);
                out.write(withConnectionClose(responseHead).getBytes(StandardCharsets.ISO_8859_1));
                boolean isHead = line.startsWith("HEAD ");
                long cut = (fault instanceof Reset || fault instanceof Stall) && length > 0 ? length / 2 : -1;
                long flipAt = fault instanceof Flip && length > 0 ? length / 2 : -1;
                byte[] buf = new byte[1 << 16];
                long sent = 0;
                int n;
                while (!isHead && (length < 0 || sent < length) && (n = up.read(buf)) > 0) {
                    if (flipAt >= sent && flipAt < sent + n) {
                        buf[(int) (flipAt - sent)] ^= (byte) 0xff;
                    }
                    if (cut >= 0 && sent + n >= cut) {
                        out.write(buf, 0, (int) (cut - sent));
                        out.flush();
                        if (fault instanceof Stall stall) {
                            sleep(stall.millis());
                        }
                        client.setSoLinger(true, 0);
                        return;
                    }
                    out.write(buf, 0, n);
                    sent += n;
                }
                out.flush();
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String withConnectionClose(String head) {
        StringBuilder b = new StringBuilder();
        for (String h : head.split("\r\n")) {
            if (h.isEmpty() || h.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                continue;
            }
            b.append(h).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    private static long contentLength(String head) {
        for (String h : head.split("\r\n")) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(h.substring(15).strip());
            }
        }
        return -1;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0 || (b.size() == 0 && c == 0x16)) {
                return null; // the end, or a TLS handshake: this proxy speaks plain HTTP only
            }
            b.write(c);
            state = switch (state) {
                case 0, 2 -> c == '\r' ? state + 1 : 0;
                case 1, 3 -> c == '\n' ? state + 1 : (c == '\r' ? 1 : 0);
                default -> 0;
            };
            if (b.size() > 65536) {
                throw new IOException("head too large");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}

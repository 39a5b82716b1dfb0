package dev.vouch.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} that gives up when the server stays silent for longer than the idle
 * timeout ({@code HttpRequest.timeout} only bounds the wait for headers), or trickles: less than {@link
 * #MIN_RATE} bytes a second over a whole timeout window (one byte a second never leaves the server silent, but never
 * ends either). It subscribes to the body publisher
 * and asks for one chunk at a time, so a fast server cannot fill memory ahead of a slow reader. Closing it
 * cancels the exchange.
 */
final class IdleTimeoutBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();
    /** The slowest body accepted, in bytes a second, averaged over a timeout window: 1 KiB/s. */
    static final long MIN_RATE = 1024;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long timeoutNanos;
    private final String what;
    private Flow.Subscription subscription;
    private Iterator<ByteBuffer> chunk;
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;
    /** Time spent waiting for the server in this window (not our own reading time), and what arrived in it. */
    private long windowWaited;

    private long windowBytes;

    IdleTimeoutBody(Duration timeout, String what) {
        this.timeoutNanos = timeout.toNanos();
        this.what = what;
    }

    /**
     * Counts what arrived after waiting {@code waited} nanoseconds for it; a window of a timeout's worth of waiting
     * that brought less than the minimum rate ends the body. Only the wait counts, so a slow reader is never blamed
     * on the server.
     */
    private void arrived(List<ByteBuffer> list, long waited) throws HttpTimeoutException {
        for (ByteBuffer b : list) {
            windowBytes += b.remaining();
        }
        windowWaited += waited;
        if (windowWaited >= timeoutNanos) {
            long seconds = Math.max(1, windowWaited / 1_000_000_000L);
            if (windowBytes < MIN_RATE * seconds) {
                close();
                throw new HttpTimeoutException(what + ": the registry sent " + windowBytes + " bytes in " + seconds
                        + " s, slower than " + MIN_RATE + " bytes a second");
            }
            windowWaited = 0;
            windowBytes = 0;
        }
    }

    /** Available at once: the body is read after {@code send} returns, as it arrives. */
    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (chunk != null && chunk.hasNext()) {
                current = chunk.next();
                continue;
            }
            if (ended) {
                return -1;
            }
            if (closed) {
                throw new IOException(what + ": stream closed");
            }
            if (chunk != null) {
                chunk = null;
                subscription.request(1);
            }
            Object next;
            long waitStart = System.nanoTime();
            try {
                next = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException(what + ": interrupted");
            }
            if (next == null) {
                close();
                throw new HttpTimeoutException(
                        what + ": no data from the registry for " + timeoutNanos / 1_000_000_000L + " s");
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            if (next instanceof Throwable t) {
                ended = true;
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) next;
            arrived(list, System.nanoTime() - waitStart);
            chunk = list.iterator();
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (subscription != null && !ended) {
                subscription.cancel();
            }
        }
    }
}

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
 * timeout ({@code HttpRequest.timeout} only bounds the wait for headers). It subscribes to the body publisher
 * and asks for one chunk at a time, so a fast server cannot fill memory ahead of a slow reader. Closing it
 * cancels the exchange.
 */
final class IdleTimeoutBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long timeoutNanos;
    private final String what;
    private Flow.Subscription subscription;
    private Iterator<ByteBuffer> chunk;
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;

    IdleTimeoutBody(Duration timeout, String what) {
        this.timeoutNanos = timeout.toNanos();
        this.what = what;
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

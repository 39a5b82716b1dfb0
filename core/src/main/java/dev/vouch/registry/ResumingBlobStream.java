package dev.vouch.registry;

import dev.vouch.error.RegistryException;
import dev.vouch.image.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob's bytes from a registry that survive a broken connection: when a read fails part-way, the blob is asked
 * for again with {@code Range: bytes=N-} and the stream goes on from byte N (a registry that ignores the range
 * answers 200, and the first N bytes are skipped). The bytes are not checked here: the caller hashes the whole
 * stream, so a resumed download is verified exactly like an uninterrupted one. Integrity failures are never
 * retried.
 */
final class ResumingBlobStream extends InputStream {
    private final RegistryClient client;
    private final String repo;
    private final Digest digest;
    private final int maxResumes;
    private Transport.Response current;
    private long position;
    private int resumes;

    ResumingBlobStream(RegistryClient client, String repo, Digest digest, int maxResumes) {
        this.client = client;
        this.repo = repo;
        this.digest = digest;
        this.maxResumes = maxResumes;
        this.current = client.openBlob(repo, digest, 0);
        if (RegistryClient.rangeStart(current) != 0) {
            Transport.closeQuietly(current);
            throw new RegistryException(client.host() + "/" + repo + ": blob " + digest + " answered with a range");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = current.body().read(b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (IOException e) {
                resume(e);
            }
        }
    }

    private void resume(IOException cause) throws IOException {
        Transport.closeQuietly(current);
        if (resumes >= maxResumes) {
            throw new RegistryException(
                    client.host() + "/" + repo + ": download of blob " + digest + " broke off after " + position
                            + " bytes, " + resumes + " resumes: " + cause.getMessage(),
                    cause);
        }
        resumes++;
        Transport.Response next = client.openBlob(repo, digest, position);
        long start = RegistryClient.rangeStart(next);
        if (start == 0 && position > 0) {
            skipFully(next.body(), position);
        } else if (start != position) {
            Transport.closeQuietly(next);
            throw new RegistryException(client.host() + "/" + repo + ": blob " + digest + " resumed at byte " + start
                    + ", not at " + position);
        }
        current = next;
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("the blob ended before the resume point");
            }
            left -= r;
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}

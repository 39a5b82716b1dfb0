import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An open-loop load generator for the admission webhook: posts one AdmissionReview at a fixed rate for a fixed time
 * and reports latency percentiles measured from each request's scheduled start (so a stall is not hidden by fewer
 * requests being sent), errors and the rate achieved. Run: java bench/AdmissionLoad.java URL CA.pem BODY.json RATE SECONDS
 */
public class AdmissionLoad {
    public static void main(String[] a) throws Exception {
        URI url = URI.create(a[0]);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(Path.of(a[1]))) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        byte[] body = Files.readAllBytes(Path.of(a[2]));
        int rate = Integer.parseInt(a[3]);
        int seconds = Integer.parseInt(a[4]);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8))
                .build();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // warm-up: the 32 connections the clients below keep, JIT, the verdict cache
        Thread[] warm = new Thread[32];
        for (int t = 0; t < warm.length; t++) {
            warm[t] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    try {
                        client.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            warm[t].start();
        }
        for (Thread t : warm) {
            t.join();
        }
        int total = rate * seconds;
        long[] latency = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger denied = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        // a bounded set of clients (as the API server keeps a bounded set of connections to a webhook), each
        // taking the next scheduled request when it is due; latency counts from the schedule, not the send
        int clients = 32;
        for (int t = 0; t < clients; t++) {
            Thread worker = new Thread(() -> {
                int n;
                while ((n = next.getAndIncrement()) < total) {
                    long scheduled = start + n * interval;
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (!r.body().contains("\"allowed\":true")) {
                            denied.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("error: " + e);
                        }
                    }
                    latency[n] = System.nanoTime() - scheduled;
                    done.countDown();
                }
            });
            worker.setDaemon(true);
            worker.start();
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        double took = (System.nanoTime() - start) / 1e9;
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%d requests in %.1f s (%.0f/s asked %d/s): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " errors %d, denied %d%n",
                total,
                took,
                total / took,
                rate,
                sorted[total / 2] / 1e6,
                sorted[(int) (total * 0.90)] / 1e6,
                sorted[(int) (total * 0.99)] / 1e6,
                sorted[total - 1] / 1e6,
                errors.get(),
                denied.get());
        System.exit(0);
    }
}

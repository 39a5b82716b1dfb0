package dev.vouch.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's counters, gauges and latency histograms, written in the Prometheus text exposition format (<a
 * href="https://prometheus.io/docs/instrumenting/exposition_formats/">version 0.0.4</a>). Per replica: Prometheus
 * adds the replicas up.
 */
public final class Metrics {
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    private record Counter(String help, Map<String, LongAdder> byLabels) {}

    private record Gauge(String help, Supplier<Map<String, Long>> values) {}

    private static final class Histogram {
        final String help;
        final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
        final LongAdder sumMicros = new LongAdder();

        Histogram(String help) {
            this.help = help;
        }
    }

    /** Counts one event; {@code labels} is the label set as written, such as {@code verdict="pass"}, or empty. */
    public void count(String name, String help, String labels) {
        count(name, help, labels, 1);
    }

    /** Counts {@code n} events at once. */
    public void count(String name, String help, String labels, long n) {
        counters.computeIfAbsent(name, k -> new Counter(help, new ConcurrentHashMap<>()))
                .byLabels()
                .computeIfAbsent(labels, l -> new LongAdder())
                .add(n);
    }

    /** Records a duration in a histogram. */
    public void observe(String name, String help, long nanos) {
        Histogram h = histograms.computeIfAbsent(name, n -> new Histogram(help));
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        h.counts.incrementAndGet(i);
        h.sumMicros.add(nanos / 1000);
    }

    /** A value read when the metrics are scraped (such as the queue depth), per label set. */
    public void gauge(String name, String help, Supplier<Map<String, Long>> values) {
        gauges.put(name, new Gauge(help, values));
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(counters).forEach((name, c) -> {
            head(b, name, c.help(), "counter");
            new TreeMap<>(c.byLabels())
                    .forEach((labels, v) -> b.append(name)
                            .append(labels.isEmpty() ? "" : "{" + labels + "}")
                            .append(' ')
                            .append(v.sum())
                            .append('\n'));
        });
        new TreeMap<>(gauges).forEach((name, g) -> {
            Map<String, Long> values;
            try {
                values = g.values().get();
            } catch (RuntimeException e) {
                return; // the database is away: the gauge is left out rather than made up
            }
            head(b, name, g.help(), "gauge");
            new TreeMap<>(values)
                    .forEach((labels, v) -> b.append(name)
                            .append(labels.isEmpty() ? "" : "{" + labels + "}")
                            .append(' ')
                            .append(v)
                            .append('\n'));
        });
        new TreeMap<>(histograms).forEach((name, h) -> {
            head(b, name, h.help, "histogram");
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.counts.get(i);
                String le = i == BUCKETS.length ? "+Inf" : Double.toString(BUCKETS[i]);
                b.append(name)
                        .append("_bucket{le=\"")
                        .append(le)
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            b.append(name).append("_sum ").append(h.sumMicros.sum() / 1e6).append('\n');
            b.append(name).append("_count ").append(cumulative).append('\n');
        });
        return b.toString();
    }

    private static void head(StringBuilder b, String name, String help, String type) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}

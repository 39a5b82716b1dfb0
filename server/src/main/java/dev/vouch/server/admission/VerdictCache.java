package dev.vouch.server.admission;

import dev.vouch.server.work.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judgements by digest and policy, kept for a TTL, so that a scale-out of a hundred pods of one image costs one check
 * and one policy evaluation. Bounded: past {@code max} entries the expired ones go, then all of them.
 */
public final class VerdictCache {
    private record Entry(Judgement judgement, long expires) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int max;
    private final Clock clock;

    public VerdictCache(long ttlMillis, int max, Clock clock) {
        this.ttlMillis = ttlMillis;
        this.max = max;
        this.clock = clock;
    }

    private static String key(String digest, String policy) {
        return digest + '\u0000' + policy;
    }

    public Judgement get(String digest, String policy) {
        Entry e = entries.get(key(digest, policy));
        if (e == null) {
            return null;
        }
        if (e.expires() <= clock.millis()) {
            entries.remove(key(digest, policy), e);
            return null;
        }
        return e.judgement();
    }

    public void put(Judgement j) {
        if (entries.size() >= max) {
            long now = clock.millis();
            entries.values().removeIf(e -> e.expires() <= now);
            if (entries.size() >= max) {
                entries.clear();
            }
        }
        entries.put(key(j.digest(), j.policy()), new Entry(j, clock.millis() + ttlMillis));
    }

    /** Forgets the judgements of a digest made from a stored result older than {@code version}. */
    public void forgetOlder(String digest, long version) {
        entries.entrySet()
                .removeIf(e -> e.getKey().startsWith(digest + '\u0000')
                        && e.getValue().judgement().version() < version);
    }

    /** Forgets every judgement of a digest (its stored result changed). */
    public void forget(String digest) {
        entries.keySet().removeIf(k -> k.startsWith(digest + '\u0000'));
    }

    public int size() {
        return entries.size();
    }
}

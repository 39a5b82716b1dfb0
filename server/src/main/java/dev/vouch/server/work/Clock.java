package dev.vouch.server.work;

/** Milliseconds since the epoch; a seam so that leases and TTLs can be tested without waiting. */
@FunctionalInterface
public interface Clock {
    long millis();

    Clock SYSTEM = System::currentTimeMillis;
}

package dev.vouch.api.evidence;

import dev.vouch.error.InvalidInputException;
import dev.vouch.lock.LockFile;
import java.io.IOException;

/** A moved tag: the digest the reference names now against the one a lock file recorded (LK001). */
public final class LockEvidence implements EvidenceProvider {
    @Override
    public void collect(CheckContext context, Evidence evidence) throws IOException {
        var request = context.request();
        if (request.lock() == null || !context.onRegistry()) {
            return;
        }
        var ref = context.reference();
        var entry = LockFile.read(request.lock()).entry(ref.normalized());
        if (entry.isEmpty()) {
            throw new InvalidInputException(request.lock() + ": " + ref.normalized() + " is not locked there");
        }
        evidence.moved = LockFile.moved(
                        entry.get(),
                        context.currentDigest().toString(),
                        request.lock().toString())
                .orElse(null);
    }
}

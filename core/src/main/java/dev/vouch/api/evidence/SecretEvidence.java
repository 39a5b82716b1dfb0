package dev.vouch.api.evidence;

import dev.vouch.layer.Analyzer;
import dev.vouch.secret.SecretScanner;
import java.util.List;

/** Secrets in the layers' files (deleted ones included) and in the config's env, labels and build args. */
public final class SecretEvidence implements EvidenceProvider {
    private final SecretScanner scanner = new SecretScanner();

    @Override
    public List<Analyzer> analyzers() {
        return List.of(scanner);
    }

    @Override
    public void collect(CheckContext context, Evidence evidence) {
        evidence.secrets = scanner.findings(context.walk(), context.image().config());
    }
}

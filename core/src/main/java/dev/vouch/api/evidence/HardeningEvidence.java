package dev.vouch.api.evidence;

import dev.vouch.hardening.HardeningAnalyzer;
import dev.vouch.layer.Analyzer;
import java.util.List;

/** What the image leaves an intruder: shells, package managers, setuid files, empty passwords, shared uids. */
public final class HardeningEvidence implements EvidenceProvider {
    private final HardeningAnalyzer analyzer = new HardeningAnalyzer();

    @Override
    public List<Analyzer> analyzers() {
        return List.of(analyzer);
    }

    @Override
    public void collect(CheckContext context, Evidence evidence) {
        evidence.hardening = analyzer.facts(context.walk());
    }
}

package dev.vouch.api.evidence;

import dev.vouch.audit.DockerfileAudit;
import dev.vouch.hardening.HardeningFacts;
import dev.vouch.report.Finding;
import dev.vouch.sbom.Sbom;
import dev.vouch.secret.SecretFinding;
import dev.vouch.sign.SignatureCheck;
import dev.vouch.trace.TraceReport;
import dev.vouch.trace.Tracer;
import dev.vouch.vuln.ScanResult;
import java.util.List;

/**
 * What the providers of one check have found so far; each provider fills its part and may read what the providers
 * before it found (the vulnerability matcher reads the SBOM, the trace reads the Dockerfile). A field left null means
 * that kind of evidence was not looked for, and its section says so.
 */
public final class Evidence {
    /** The Dockerfile's audit, or null when no Dockerfile was given. */
    public DockerfileAudit.Result audit;
    /** The Dockerfile as the trace reads it, or null (none given, or it does not parse). */
    public Tracer.DockerfileInput dockerfile;

    public Sbom sbom;
    public List<SecretFinding> secrets;
    public HardeningFacts hardening;
    public TraceReport trace;
    /** The signatures checked, or null when none was asked for. */
    public List<SignatureCheck> signatures;
    /** The Docker Content Trust check of the tag, or null when it was not asked for. */
    public SignatureCheck contentTrust;
    /** The Notation signatures checked, or null when Notation was not asked for. */
    public List<SignatureCheck> notation;
    /** The lock finding when the tag moved since it was locked, else null. */
    public Finding moved;
    /** The vulnerability matches, or null with {@link #noScan} saying why. */
    public ScanResult scan;

    public String noScan;
}

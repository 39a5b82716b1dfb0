package dev.vouch.check;

import dev.vouch.audit.DockerfileAudit;
import dev.vouch.fs.WalkResult;
import dev.vouch.hardening.HardeningFacts;
import dev.vouch.image.Image;
import dev.vouch.report.Finding;
import dev.vouch.sbom.Sbom;
import dev.vouch.secret.SecretFinding;
import dev.vouch.sign.SignatureCheck;
import dev.vouch.trace.TraceReport;
import dev.vouch.vuln.ScanResult;
import java.util.List;

/**
 * What the checks found, gathered by the caller in one layer pass and a few lookups.
 *
 * @param reference the image as the user named it
 * @param signatures the signature checks, or null when no key or identity was given
 * @param audit the Dockerfile audit, or null when no Dockerfile was given
 * @param dockerfile the Dockerfile's name, or null
 * @param scan the vulnerability scan, or null when there is no database ({@link #noScanReason} says why)
 * @param lockFinding a moved tag (LK001), or null
 * @param contentTrust the Docker Content Trust check of the tag ({@code kind: dct}), or null when it was not asked for
 * @param notation the Notation signature checks ({@code kind: notation}), or null when they were not asked for
 */
public record CheckInputs(
        String reference,
        Image image,
        WalkResult walk,
        Sbom sbom,
        List<SecretFinding> secrets,
        HardeningFacts hardening,
        TraceReport trace,
        List<SignatureCheck> signatures,
        DockerfileAudit.Result audit,
        String dockerfile,
        ScanResult scan,
        String noScanReason,
        Finding lockFinding,
        SignatureCheck contentTrust,
        List<SignatureCheck> notation) {}

package dev.vouch.api.evidence;

import dev.vouch.trace.Tracer;
import java.io.IOException;

/**
 * How the image was made: provenance labels and attestations, the base image verified as an exact prefix, and the
 * history reconciled with the Dockerfile when one was given.
 */
public final class TraceEvidence implements EvidenceProvider {
    @Override
    public void collect(CheckContext context, Evidence evidence) throws IOException {
        var request = context.request();
        evidence.trace = Tracer.trace(
                context.image(),
                request.image(),
                request.base(),
                evidence.dockerfile,
                context.opener(),
                Attestations.of(
                        request.image(),
                        context.image(),
                        request.registry(),
                        request.keys(),
                        request.identity(),
                        request.trustedRoot()));
    }
}

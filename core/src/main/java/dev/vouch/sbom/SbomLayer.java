package dev.vouch.sbom;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Digest;

/** A layer as the SBOM names it: position, compressed digest, diff_id and the history command that made it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SbomLayer(int index, Digest digest, Digest diffId, String createdBy) {}

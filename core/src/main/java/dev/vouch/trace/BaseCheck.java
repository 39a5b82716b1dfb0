package dev.vouch.trace;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether an image is built on the base it names: the base's layers (diff_ids) and history are exact prefixes of
 * the image's.
 *
 * @param status VERIFIED, MISMATCH or UNVERIFIABLE
 * @param base the base reference checked against, as given or declared (null when none is known)
 * @param declaredBy where the base came from: {@code --base}, {@code annotation}, {@code label}, {@code Dockerfile}
 * @param baseDigest the manifest digest of the base image compared with (null when it could not be read)
 * @param baseLayers how many layers of the image are the base's (VERIFIED only)
 * @param reason why it is not VERIFIED: the first layer or history entry that differs, or what made it undecidable
 * @param baseHistory how many history entries of the image are the base's (VERIFIED only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BaseCheck(
        TraceStatus status,
        String base,
        String declaredBy,
        String baseDigest,
        Integer baseLayers,
        String reason,
        Integer baseHistory) {}

package dev.vouch.sign.dct;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What Docker Content Trust says of one tag.
 *
 * @param status VERIFIED (signed, and the registry serves what was signed), NOT_SIGNED (no trust data for the
 *     repository, or none for the tag), or INVALID (trust data that does not verify, or signs other bytes)
 * @param server the Notary server asked
 * @param gun the name the trust data is kept under
 * @param tag the tag
 * @param role the role whose signature counts ({@code targets}, {@code targets/releases}, …)
 * @param signedDigest the manifest digest signed for the tag
 * @param signedLength the manifest length signed for the tag
 * @param rootKeyIds the root keys the trust rests on
 * @param rootTrust how the root is trusted: "pinned", "trusted on first use now", "remembered" or "rotated"
 * @param reason why it is not VERIFIED
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DctResult(
        Status status,
        String server,
        String gun,
        String tag,
        String role,
        String signedDigest,
        Long signedLength,
        List<String> rootKeyIds,
        String rootTrust,
        String reason) {

    /** The outcome. */
    public enum Status {
        VERIFIED,
        NOT_SIGNED,
        INVALID
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }

    static DctResult notSigned(NotaryEndpoint ep, String tag, String reason) {
        return new DctResult(
                Status.NOT_SIGNED, ep.server().toString(), ep.gun(), tag, null, null, null, null, null, reason);
    }

    static DctResult invalid(NotaryEndpoint ep, String tag, String reason) {
        return new DctResult(
                Status.INVALID, ep.server().toString(), ep.gun(), tag, null, null, null, null, null, reason);
    }
}

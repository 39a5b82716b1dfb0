package dev.vouch.sign;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a Sigstore bundle proved.
 *
 * @param valid whether it verifies against the trusted root and the identity policy
 * @param identity the signing certificate's subject alternative name (when it could be read)
 * @param reason why not, when not valid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeylessCheck(String source, boolean valid, String identity, String reason) {}

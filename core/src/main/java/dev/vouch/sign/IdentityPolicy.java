package dev.vouch.sign;

import java.util.regex.Pattern;

/**
 * Who must have signed, as cosign's {@code --certificate-identity[-regexp]} and {@code --certificate-oidc-issuer[-regexp]}
 * say it: the Fulcio certificate's subject alternative name and OIDC issuer, each matched exactly or by a regular
 * expression (the whole value must match).
 */
public record IdentityPolicy(String identity, Pattern identityRegex, String issuer, Pattern issuerRegex) {
    public IdentityPolicy {
        if ((identity == null) == (identityRegex == null)) {
            throw new dev.vouch.error.InvalidInputException(
                    "give exactly one of --certificate-identity and --certificate-identity-regexp");
        }
        if ((issuer == null) == (issuerRegex == null)) {
            throw new dev.vouch.error.InvalidInputException(
                    "give exactly one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp");
        }
    }

    /** Builds a policy from the four flags; a bad regular expression is a one-line error naming the flag. */
    public static IdentityPolicy of(String identity, String identityRegexp, String issuer, String issuerRegexp) {
        return new IdentityPolicy(
                identity,
                compile(identityRegexp, "--certificate-identity-regexp"),
                issuer,
                compile(issuerRegexp, "--certificate-oidc-issuer-regexp"));
    }

    private static Pattern compile(String re, String flag) {
        if (re == null) {
            return null;
        }
        try {
            return Pattern.compile(re);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new dev.vouch.error.InvalidInputException(
                    flag + ": not a regular expression (" + e.getDescription() + ")");
        }
    }

    @Override
    public String toString() {
        return (identity != null ? identity : "~" + identityRegex) + " from "
                + (issuer != null ? issuer : "~" + issuerRegex);
    }
}

package dev.vouch.sign.notation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Descriptor;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Verifies one Notation signature of an artifact under a trust policy statement, in the order and with the
 * enforcement the <a href="https://github.com/notaryproject/specifications/blob/main/specs/trust-store-trust-policy.md">
 * Notary Project's trust policy</a> gives each level: integrity (the envelope, its critical names, the signature, the
 * target artifact) always; authenticity (the chain to a certificate of a named {@code ca} store, valid now, and a
 * trusted identity) under strict and permissive, logged under audit; expiry under strict, logged otherwise; nothing
 * under skip. Revocation is not checked (vouch verifies offline) and says so.
 */
public final class NotationVerifier {
    static final String PAYLOAD_TYPE = "application/vnd.cncf.notary.payload.v1+json";
    static final String SCHEME = "io.cncf.notary.signingScheme";
    static final String EXPIRY = "io.cncf.notary.expiry";
    static final String SIGNING_TIME = "io.cncf.notary.signingTime";
    static final String AUTHENTIC_TIME = "io.cncf.notary.authenticSigningTime";
    static final String TIMESTAMP = "io.cncf.notary.timestampSignature";
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of(SCHEME, EXPIRY, AUTHENTIC_TIME);

    private NotationVerifier() {}

    /**
     * What a verification found.
     *
     * @param valid whether every enforced check passed
     * @param signer the signing certificate's subject, when the envelope parsed
     * @param failure the first enforced check that failed, or null
     * @param logged checks that failed but the level only logs, and what was not checked
     */
    public record Result(boolean valid, String signer, String failure, List<String> logged) {}

    public static Result verify(
            byte[] envelope,
            String mediaType,
            Descriptor subject,
            NotationTrustPolicy.Statement statement,
            NotationTrustStore store,
            Instant now) {
        List<String> logged = new ArrayList<>();
        if (statement.level() == NotationTrustPolicy.Level.SKIP) {
            return new Result(true, null, null, List.of("verification skipped by trust policy " + statement.name()));
        }
        NotationEnvelope jws;
        try {
            if (JwsEnvelope.MEDIA_TYPE.equals(mediaType)) {
                jws = JwsEnvelope.parse(envelope);
            } else if (CoseEnvelope.MEDIA_TYPE.equals(mediaType)) {
                jws = CoseEnvelope.parse(envelope);
            } else {
                throw new NotationFailure("signature envelopes of media type " + mediaType + " are not supported (JWS"
                        + " and COSE are)");
            }
            integrity(jws, subject);
        } catch (NotationFailure f) {
            return new Result(false, null, "integrity: " + f.getMessage(), logged);
        }
        String signer = jws.chain().get(0).getSubjectX500Principal().getName();
        try {
            authenticity(jws, statement, store, now, logged);
        } catch (NotationFailure f) {
            if (statement.action("authenticity").equals("enforce")) {
                return new Result(false, signer, "authenticity: " + f.getMessage(), logged);
            }
            logged.add("authenticity (logged under " + level(statement) + "): " + f.getMessage());
        }
        Instant expires = jws.expiry();
        if (expires != null && !now.isBefore(expires)) {
            String why = "expiry: the signature expired on " + expires;
            if (statement.action("expiry").equals("enforce")) {
                return new Result(false, signer, why, logged);
            }
            logged.add(why + " (logged under " + level(statement) + ")");
        }
        if (!statement.action("revocation").equals("skip")) {
            logged.add("revocation: not checked (vouch verifies offline)");
        }
        return new Result(true, signer, null, logged);
    }

    private static String level(NotationTrustPolicy.Statement statement) {
        String level = statement.level().name().toLowerCase(Locale.ROOT);
        return statement.actions().equals(NotationTrustPolicy.levelActions(statement.level()))
                ? level
                : level + ", overridden";
    }

    /** The envelope's own rules, its signature, and the artifact it signs. */
    private static void integrity(NotationEnvelope jws, Descriptor subject) throws NotationFailure {
        if (!PAYLOAD_TYPE.equals(jws.contentType())) {
            throw new NotationFailure("the payload type (cty) is not " + PAYLOAD_TYPE);
        }
        String scheme = jws.scheme();
        if (!scheme.equals("notary.x509") && !scheme.equals("notary.x509.signingAuthority")) {
            throw new NotationFailure(
                    "the signing scheme '" + scheme + "' is not notary.x509 or" + " notary.x509.signingAuthority");
        }
        Set<String> critical = jws.critical();
        for (String c : critical) {
            if (!UNDERSTOOD_CRITICAL.contains(c)) {
                throw new NotationFailure("the critical header " + c + " is not understood");
            }
        }
        if (!critical.contains(SCHEME)) {
            throw new NotationFailure(SCHEME + " is not marked critical");
        }
        if (jws.expiry() != null && !critical.contains(EXPIRY)) {
            throw new NotationFailure(EXPIRY + " is present but not marked critical");
        }
        if (jws.authenticSigningTime() != null && !critical.contains(AUTHENTIC_TIME)) {
            throw new NotationFailure(AUTHENTIC_TIME + " is present but not marked critical");
        }
        Instant time = scheme.equals("notary.x509") ? jws.signingTime() : jws.authenticSigningTime();
        if (time == null) {
            throw new NotationFailure(
                    "the protected header has no " + (scheme.equals("notary.x509") ? SIGNING_TIME : AUTHENTIC_TIME));
        }
        jws.verifySignature();
        JsonNode target = jws.payload().path("targetArtifact");
        String digest = target.path("digest").asText("");
        long size = target.path("size").asLong(-1);
        String type = target.path("mediaType").asText("");
        if (!digest.equals(subject.digest().toString()) || size != subject.size()) {
            throw new NotationFailure("the signature is for " + digest + " (" + size + " bytes), not this artifact, "
                    + subject.digest() + " (" + subject.size() + " bytes)");
        }
        if (subject.mediaType() != null && !type.equals(subject.mediaType())) {
            throw new NotationFailure(
                    "the signature names the media type " + type + ", the artifact's is " + subject.mediaType());
        }
    }

    /**
     * The chain to a trusted certificate and a trusted identity. The chain must be valid now, or, when an RFC 3161
     * timestamp countersigns the signature and the policy names a {@code tsa} store that the timestamp authority
     * chains to, at the time the timestamp proves; for the signingAuthority scheme, a {@code signingAuthority} store
     * and the authentic signing time.
     */
    private static void authenticity(
            NotationEnvelope jws,
            NotationTrustPolicy.Statement statement,
            NotationTrustStore store,
            Instant now,
            List<String> logged)
            throws NotationFailure {
        String scheme = jws.scheme();
        boolean authority = scheme.equals("notary.x509.signingAuthority");
        String type = authority ? "signingAuthority:" : "ca:";
        Set<TrustAnchor> anchors = anchors(statement, store, type);
        List<String> stores =
                statement.trustStores().stream().filter(s -> s.startsWith(type)).toList();
        if (anchors.isEmpty()) {
            throw new NotationFailure(
                    "trust policy " + statement.name() + " names no " + type.replace(":", "") + " trust store");
        }
        if (authority) {
            now = jws.authenticSigningTime();
        } else if (jws.timestampToken() != null) {
            Set<TrustAnchor> tsa = anchors(statement, store, "tsa:");
            if (tsa.isEmpty()) {
                logged.add("timestamp: not checked, trust policy " + statement.name() + " names no tsa trust store");
            } else {
                now = Timestamps.verify(jws.timestampToken(), jws.signature(), tsa);
                logged.add("timestamp: the signature existed at " + now + ", as its timestamp authority proves");
            }
        }
        X509Certificate leaf = jws.chain().get(0);
        List<X509Certificate> path = new ArrayList<>(jws.chain());
        // a chain that ends in a trusted certificate: the anchor itself is not part of the path
        path.removeIf(c -> anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c)) && c != leaf);
        boolean leafTrusted = anchors.stream().anyMatch(a -> a.getTrustedCert().equals(leaf));
        if (!leafTrusted) {
            try {
                PKIXParameters p = new PKIXParameters(anchors);
                p.setRevocationEnabled(false);
                p.setDate(Date.from(now));
                CertPathValidator.getInstance("PKIX")
                        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), p);
            } catch (CertPathValidatorException e) {
                throw new NotationFailure(
                        "the certificate chain does not lead to a certificate of " + stores + ": " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw new NotationFailure("the certificate chain cannot be validated: " + e.getMessage());
            }
        } else {
            try {
                leaf.checkValidity(Date.from(now));
            } catch (GeneralSecurityException e) {
                throw new NotationFailure("the signing certificate is not valid at " + now + ": " + e.getMessage());
            }
        }
        if (statement.trustedIdentities().contains("*")) {
            return;
        }
        Map<String, String> signer = rdns(leaf.getSubjectX500Principal().getName(), "the signing certificate");
        for (String id : statement.trustedIdentities()) {
            if (subject(id, "trusted identity").equals(signer)) {
                return;
            }
        }
        throw new NotationFailure("the signer " + leaf.getSubjectX500Principal().getName() + " is not one of the"
                + " trusted identities of " + statement.name());
    }

    private static Set<TrustAnchor> anchors(
            NotationTrustPolicy.Statement statement, NotationTrustStore store, String type) throws NotationFailure {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (String s : statement.trustStores()) {
            if (!s.startsWith(type)) {
                continue;
            }
            try {
                for (X509Certificate c : store.certificates(s)) {
                    anchors.add(new TrustAnchor(c, null));
                }
            } catch (IOException | InvalidInputException e) {
                throw new NotationFailure("trust store " + s + ": " + e.getMessage());
            }
        }
        return anchors;
    }

    /** The attributes of an {@code x509.subject: DN} identity, which must name at least C, ST and O. */
    static Map<String, String> subject(String identity, String where) {
        String prefix = "x509.subject:";
        if (!identity.startsWith(prefix)) {
            throw new InvalidInputException(
                    where + ": trusted identity '" + identity + "' is not '*' or x509.subject:" + " DN");
        }
        Map<String, String> rdns = rdns(identity.substring(prefix.length()).strip(), where);
        for (String required : List.of("C", "ST", "O")) {
            if (!rdns.containsKey(required)) {
                throw new InvalidInputException(
                        where + ": trusted identity '" + identity + "' must name at least C," + " ST and O");
            }
        }
        return rdns;
    }

    private static Map<String, String> rdns(String dn, String where) {
        try {
            Map<String, String> out = new TreeMap<>();
            for (Rdn r : new LdapName(dn).getRdns()) {
                if (out.put(r.getType().toUpperCase(Locale.ROOT), String.valueOf(r.getValue())) != null) {
                    throw new InvalidInputException(where + ": the name " + dn + " repeats " + r.getType());
                }
            }
            return out;
        } catch (InvalidNameException | IllegalArgumentException e) {
            throw new InvalidInputException(where + ": '" + dn + "' is not a distinguished name");
        }
    }
}

package dev.vouch.sign.notation;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * An RFC 3161 timestamp token countersigning a Notation signature (<a
 * href="https://www.rfc-editor.org/rfc/rfc3161">RFC 3161</a>, as the Notary Project's signature specification uses
 * it): its message imprint must be the digest of the signature bytes, its own signature must verify with the timestamp
 * authority's certificate (which must be for time stamping), and that certificate must chain to a certificate of a
 * {@code tsa} trust store at the time it states. The time it proves is returned.
 */
final class Timestamps {
    private Timestamps() {}

    static Instant verify(byte[] token, byte[] signature, Set<TrustAnchor> tsaStore) throws NotationFailure {
        TimeStampToken t;
        try {
            t = new TimeStampToken(new CMSSignedData(token));
        } catch (CMSException | TSPException | java.io.IOException | IllegalArgumentException e) {
            throw new NotationFailure("the timestamp token does not parse: " + e.getMessage());
        }
        TimeStampTokenInfo info = t.getTimeStampInfo();
        String digest = switch (info.getMessageImprintAlgOID().getId()) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            default ->
                throw new NotationFailure("the timestamp's message imprint uses the algorithm "
                        + info.getMessageImprintAlgOID() + ", not SHA-2");
        };
        try {
            if (!MessageDigest.isEqual(
                    MessageDigest.getInstance(digest).digest(signature), info.getMessageImprintDigest())) {
                throw new NotationFailure("the timestamp is not over this signature (its message imprint differs)");
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        @SuppressWarnings("unchecked")
        var signers = (java.util.Collection<X509CertificateHolder>)
                t.getCertificates().getMatches(t.getSID());
        if (signers.isEmpty()) {
            throw new NotationFailure("the timestamp token carries no certificate of its authority");
        }
        Instant time = info.getGenTime().toInstant();
        List<X509Certificate> all = new ArrayList<>();
        X509Certificate tsa;
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            tsa = converter.getCertificate(signers.iterator().next());
            @SuppressWarnings("unchecked")
            var holders = (java.util.Collection<X509CertificateHolder>)
                    t.getCertificates().getMatches(null);
            for (X509CertificateHolder h : holders) {
                all.add(converter.getCertificate(h));
            }
            t.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        } catch (TSPException e) {
            throw new NotationFailure("the timestamp does not verify: " + e.getMessage());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new NotationFailure("the timestamp's authority certificate cannot be read: " + e.getMessage());
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(tsa);
            PKIXBuilderParameters p = new PKIXBuilderParameters(tsaStore, target);
            p.setRevocationEnabled(false);
            p.setDate(Date.from(time));
            p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all)));
            CertPathBuilder.getInstance("PKIX").build(p);
        } catch (CertPathBuilderException e) {
            throw new NotationFailure(
                    "the timestamp authority does not chain to a certificate of a tsa trust store: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new NotationFailure("the timestamp authority's chain cannot be validated: " + e.getMessage());
        }
        return time;
    }
}

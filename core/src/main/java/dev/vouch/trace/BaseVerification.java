package dev.vouch.trace;

import dev.vouch.image.Digest;
import dev.vouch.image.ImageConfig;
import java.util.List;

/**
 * Compares an image with its base: the base's {@code rootfs.diff_ids} must be an exact prefix of the image's, and its
 * {@code history} a prefix of the image's history (every builder copies the base's entries before adding its own).
 * A squashed image (one layer standing for several layer-making steps) cannot be compared and says so.
 */
public final class BaseVerification {
    private BaseVerification() {}

    /** The check of {@code image} against {@code base}, whose manifest digest is {@code baseDigest}. */
    public static BaseCheck compare(
            ImageConfig image, ImageConfig base, String baseRef, String declaredBy, String baseDigest) {
        List<Digest> mine = image.rootfs().diffIds();
        List<Digest> theirs = base.rootfs().diffIds();
        for (int i = 0; i < theirs.size(); i++) {
            if (i >= mine.size() || !mine.get(i).equals(theirs.get(i))) {
                String why = i >= mine.size()
                        ? "the image has " + mine.size() + " layer(s), fewer than the base's " + theirs.size()
                        : "layer " + i + " is " + mine.get(i) + ", the base's is " + theirs.get(i);
                if (squashed(image)) {
                    return new BaseCheck(
                            TraceStatus.UNVERIFIABLE,
                            baseRef,
                            declaredBy,
                            baseDigest,
                            null,
                            "the image is squashed (" + mine.size() + " layer(s) for " + layerSteps(image)
                                    + " layer-making history steps): its layers cannot show the base's",
                            null);
                }
                return new BaseCheck(TraceStatus.MISMATCH, baseRef, declaredBy, baseDigest, null, why, null);
            }
        }
        List<ImageConfig.History> h = image.history();
        List<ImageConfig.History> bh = base.history();
        if (!h.isEmpty() || !bh.isEmpty()) {
            for (int i = 0; i < bh.size(); i++) {
                if (i >= h.size() || !sameEntry(h.get(i), bh.get(i))) {
                    return new BaseCheck(
                            TraceStatus.MISMATCH,
                            baseRef,
                            declaredBy,
                            baseDigest,
                            null,
                            "the layers match but history entry " + i + " differs from the base's ("
                                    + (i >= h.size()
                                            ? "missing"
                                            : "\""
                                                    + shortText(dev.vouch.secret.SecretLike.maskText(
                                                            h.get(i).createdBy()))
                                                    + "\"")
                                    + " against \""
                                    + shortText(dev.vouch.secret.SecretLike.maskText(
                                            bh.get(i).createdBy())) + "\")",
                            null);
                }
            }
        }
        return new BaseCheck(TraceStatus.VERIFIED, baseRef, declaredBy, baseDigest, theirs.size(), null, bh.size());
    }

    /** Whether the history names more layer-making steps than the image has layers: a squashed build. */
    static boolean squashed(ImageConfig image) {
        return layerSteps(image) > image.rootfs().diffIds().size();
    }

    private static int layerSteps(ImageConfig image) {
        int n = 0;
        for (ImageConfig.History e : image.history()) {
            if (RecordedStep.of(e.createdBy()).makesLayer() || !e.emptyLayer()) {
                n++;
            }
        }
        return n;
    }

    private static boolean sameEntry(ImageConfig.History a, ImageConfig.History b) {
        return a.emptyLayer() == b.emptyLayer() && java.util.Objects.equals(a.createdBy(), b.createdBy());
    }

    private static String shortText(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}

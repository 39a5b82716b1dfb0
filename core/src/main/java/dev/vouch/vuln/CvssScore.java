package dev.vouch.vuln;

import us.springett.cvss.Cvss;
import us.springett.cvss.MalformedVectorException;

/**
 * The base score of a CVSS vector as OSV's {@code severity[]} carries it: v2 (bare vector), v3.0/v3.1 and v4.0
 * (<a href="https://www.first.org/cvss/v4.0/specification-document">CVSS v4.0 specification</a>, scored through its
 * macrovector table), computed by cvss-calculator.
 */
final class CvssScore {
    private CvssScore() {}

    /** The base score, or -1 when the vector is malformed or not of the version its OSV type names. */
    static double baseScore(String osvType, String vector) {
        if (vector == null || vector.length() > 300) {
            return -1;
        }
        boolean versionAgrees = switch (osvType) {
            case "CVSS_V4" -> vector.startsWith("CVSS:4.0/");
            case "CVSS_V3" -> vector.startsWith("CVSS:3.0/") || vector.startsWith("CVSS:3.1/");
            case "CVSS_V2" -> !vector.startsWith("CVSS:");
            default -> false;
        };
        if (!versionAgrees) {
            return -1;
        }
        try {
            Cvss cvss = Cvss.fromVector(vector);
            return cvss == null ? -1 : cvss.calculateScore().getBaseScore();
        } catch (MalformedVectorException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Which OSV severity type wins when a record carries several: the newest CVSS version. */
    static int preference(String osvType) {
        return switch (osvType) {
            case "CVSS_V4" -> 3;
            case "CVSS_V3" -> 2;
            case "CVSS_V2" -> 1;
            default -> 0;
        };
    }
}

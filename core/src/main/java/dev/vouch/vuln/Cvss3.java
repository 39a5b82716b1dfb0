package dev.vouch.vuln;

import java.util.HashMap;
import java.util.Map;

/**
 * The base score of a CVSS v3.0/v3.1 vector (<a href="https://www.first.org/cvss/v3.1/specification-document">CVSS
 * v3.1 specification</a>, section 7.1 and appendix A for rounding).
 */
final class Cvss3 {
    private Cvss3() {}

    /** The base score, or -1 when the vector is not a complete v3 base vector. */
    static double baseScore(String vector) {
        if (vector == null || !(vector.startsWith("CVSS:3.0/") || vector.startsWith("CVSS:3.1/"))) {
            return -1;
        }
        Map<String, String> m = new HashMap<>();
        for (String part : vector.substring(9).split("/")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                m.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        try {
            boolean changed = "C".equals(m.get("S"));
            if (!changed && !"U".equals(m.get("S"))) {
                return -1;
            }
            double av = pick(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
            double ac = pick(m.get("AC"), "L", 0.77, "H", 0.44);
            double pr = changed
                    ? pick(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5)
                    : pick(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27);
            double ui = pick(m.get("UI"), "N", 0.85, "R", 0.62);
            double c = pick(m.get("C"), "H", 0.56, "L", 0.22, "N", 0);
            double i = pick(m.get("I"), "H", 0.56, "L", 0.22, "N", 0);
            double a = pick(m.get("A"), "H", 0.56, "L", 0.22, "N", 0);
            double iss = 1 - (1 - c) * (1 - i) * (1 - a);
            double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
            double exploitability = 8.22 * av * ac * pr * ui;
            if (impact <= 0) {
                return 0;
            }
            return changed
                    ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
                    : roundUp(Math.min(impact + exploitability, 10));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static double pick(String value, Object... pairs) {
        for (int k = 0; k + 1 < pairs.length; k += 2) {
            if (pairs[k].equals(value)) {
                return ((Number) pairs[k + 1]).doubleValue();
            }
        }
        throw new IllegalArgumentException("metric value " + value);
    }

    /** CVSS v3.1's Roundup: the smallest number with one decimal at or above the input, free of float error. */
    static double roundUp(double d) {
        long i = Math.round(d * 100000);
        return i % 10000 == 0 ? i / 100000.0 : (Math.floor(i / 10000.0) + 1) / 10.0;
    }
}

package dev.vouch.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.Json;
import dev.vouch.sbom.Cpe;
import dev.vouch.sbom.Distro;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether NVD's configurations (<a href="https://nvd.nist.gov/vuln/vulnerability-detail-pages">applicability
 * statements</a>) apply to a runtime vouch found: a configuration applies when its nodes do (all of them under {@code
 * AND}, any under {@code OR}), a node when its CPE matches do (likewise, inverted by {@code negate}). A vulnerable
 * match applies when it names the runtime's vendor and product and its version is the one given, or within the
 * {@code versionStart/End Including/Excluding} bounds; its update must agree ({@code 3.11.0:rc2} is not 3.11.0), and
 * so must an edition the runtime states (nginx open_source is not plus). A platform match ({@code vulnerable:
 * false}) applies only when it is the image's own operating system or the Linux kernel: a runtime in a Debian image
 * is not "running on Windows", and hardware never matches. The fix shown is the end bound that excludes it.
 */
final class NvdConfigurations {
    private static final Set<String> OTHER_PLATFORMS =
            Set.of("windows", "macos", "mac_os", "mac_os_x", "iphone_os", "ios", "ipados", "android", "watchos");
    /** os-release ids to the NVD vendor:product of the distribution. */
    private static final Map<String, String> DISTROS = Map.of(
            "debian", "debian:debian_linux",
            "ubuntu", "canonical:ubuntu_linux",
            "fedora", "fedoraproject:fedora",
            "alpine", "alpinelinux:alpine_linux",
            "rhel", "redhat:enterprise_linux",
            "centos", "centos:centos",
            "opensuse-leap", "opensuse:leap",
            "sles", "suse:linux_enterprise_server",
            "amzn", "amazon:linux");

    private NvdConfigurations() {}

    static AffectedRanges.Verdict evaluate(String configurations, List<Cpe> runtime, Distro distro) {
        JsonNode configs = Json.tree(configurations.getBytes(StandardCharsets.UTF_8), "NVD configurations");
        String[] fixed = {null};
        for (JsonNode config : configs) {
            boolean and = config.path("operator").asText("OR").equals("AND");
            boolean applies = and;
            for (JsonNode node : config.path("nodes")) {
                boolean n = node(node, runtime, distro, fixed);
                applies = and ? applies && n : applies || n;
            }
            if (applies) {
                return new AffectedRanges.Verdict(true, fixed[0]);
            }
            fixed[0] = null;
        }
        return new AffectedRanges.Verdict(false, null);
    }

    private static boolean node(JsonNode node, List<Cpe> runtime, Distro distro, String[] fixed) {
        boolean and = node.path("operator").asText("OR").equals("AND");
        boolean applies = and;
        for (JsonNode m : node.path("cpeMatch")) {
            Cpe c = Cpe.parse(m.path("criteria").asText(null));
            boolean hit = c != null
                    && (m.path("vulnerable").asBoolean(false) ? runtime(m, c, runtime, fixed) : platform(c, distro));
            applies = and ? applies && hit : applies || hit;
        }
        return applies != node.path("negate").asBoolean(false);
    }

    private static boolean runtime(JsonNode m, Cpe criteria, List<Cpe> runtime, String[] fixed) {
        for (Cpe r : runtime) {
            if (!same(criteria, r, Cpe.PART) || !same(criteria, r, Cpe.VENDOR) || !same(criteria, r, Cpe.PRODUCT)) {
                continue;
            }
            String target = criteria.get(Cpe.TARGET_SW).toLowerCase(Locale.ROOT);
            if (OTHER_PLATFORMS.contains(target) || !attribute(criteria.get(Cpe.SW_EDITION), r.get(Cpe.SW_EDITION))) {
                continue;
            }
            String update = criteria.get(Cpe.UPDATE);
            String ours = r.get(Cpe.UPDATE);
            boolean updateAgrees =
                    update.equals("*") || ours.equals("*") && update.equals("-") || ours.equalsIgnoreCase(update);
            if (!updateAgrees) {
                continue;
            }
            String version = r.get(Cpe.VERSION);
            String exact = criteria.get(Cpe.VERSION);
            if (!exact.equals("*") && !exact.equals("-")) {
                if (compare(version, exact) == 0) {
                    return true;
                }
                continue;
            }
            if (within(m, version)) {
                String end = m.path("versionEndExcluding").asText(null);
                if (end != null && (fixed[0] == null || compare(end, fixed[0]) > 0)) {
                    fixed[0] = end;
                }
                return true;
            }
        }
        return false;
    }

    private static boolean within(JsonNode m, String v) {
        String si = m.path("versionStartIncluding").asText(null);
        String se = m.path("versionStartExcluding").asText(null);
        String ei = m.path("versionEndIncluding").asText(null);
        String ee = m.path("versionEndExcluding").asText(null);
        return (si == null || compare(v, si) >= 0)
                && (se == null || compare(v, se) > 0)
                && (ei == null || compare(v, ei) <= 0)
                && (ee == null || compare(v, ee) < 0);
    }

    /** An attribute the runtime states (not {@code *}) must agree with one the criteria state. */
    private static boolean attribute(String criteria, String ours) {
        return criteria.equals("*") || criteria.equals("-") || ours.equals("*") || ours.equalsIgnoreCase(criteria);
    }

    private static boolean platform(Cpe c, Distro distro) {
        String vp = c.get(Cpe.VENDOR) + ":" + c.get(Cpe.PRODUCT);
        if (!c.get(Cpe.PART).equals("o")) {
            return false; // hardware, or an application the runtime would have to run with: not known to be there
        }
        if (vp.equals("linux:linux_kernel")) {
            return true;
        }
        if (distro == null || !vp.equals(DISTROS.get(distro.id()))) {
            return false;
        }
        String v = c.get(Cpe.VERSION);
        return v.equals("*") || v.equals("-") || distro.versionId() != null && compare(distro.versionId(), v) == 0;
    }

    private static boolean same(Cpe a, Cpe b, int attribute) {
        return a.get(attribute).equalsIgnoreCase(b.get(attribute));
    }

    private static int compare(String a, String b) {
        return VersionScheme.GENERIC.compare(a, b);
    }
}

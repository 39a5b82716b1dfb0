package dev.vouch.server;

import dev.vouch.check.ReportFacts;
import dev.vouch.check.Section;
import dev.vouch.check.SectionStatus;
import dev.vouch.check.TrustReport;
import java.util.List;
import java.util.Map;

/** Trust reports for the server's tests. */
public final class TestReports {
    private TestReports() {}

    /** A report as vouch check makes it, reduced to what baseline reads: the user and whether vulns were checked. */
    public static TrustReport report(String digest, boolean root) {
        Section s = new Section("?", SectionStatus.VERIFIED, List.of(), List.of());
        ReportFacts f = new ReportFacts(
                new ReportFacts.User(root ? "root" : "10001", root),
                true,
                false,
                List.of(),
                new ReportFacts.Base("NONE", null, null, false),
                Map.of(),
                0,
                true,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        return new TrustReport("x@" + digest, digest, "no policy", s, s, s, s, s, List.of(), f, List.of());
    }
}

package dev.vouch.check.render;

import dev.vouch.check.Section;
import dev.vouch.check.TrustReport;
import dev.vouch.report.Finding;
import java.util.Locale;

/**
 * The trust report for a terminal: the image and the verdict first, then each section with its status, facts and
 * findings, the policy's rules and the review queue as a checklist.
 */
public final class TextReport {
    private TextReport() {}

    /** The terminal report: the verdict first, 80 columns, at most 8 findings per section unless --verbose. */
    public static String render(TrustReport r, boolean verbose, boolean colour) {
        TextStyle t = new TextStyle(verbose ? Integer.MAX_VALUE : 80, colour);
        StringBuilder b = new StringBuilder();
        b.append(t.cut(r.image())).append('\n');
        String v = "verdict: " + r.verdict();
        b.append(
                        switch (r.verdict()) {
                            case "pass" -> t.green(v);
                            case "fail", "integrity failed" -> t.red(v);
                            default -> t.bold(v);
                        })
                .append('\n');
        int most = verbose ? Integer.MAX_VALUE : 8;
        for (Section s : r.sections()) {
            String status = "[" + s.status().name().replace('_', ' ').toLowerCase(Locale.ROOT) + "]";
            String painted = switch (s.status()) {
                case VERIFIED -> t.green(status);
                case FAILED -> t.red(status);
                case NEEDS_REVIEW -> t.yellow(status);
                case UNKNOWN -> status;
            };
            b.append('\n').append(painted).append(" ".repeat(Math.max(1, 15 - status.length())));
            b.append(t.cut(s.question(), 80 - 15)).append('\n');
            for (String f : s.facts()) {
                b.append(t.cut("  " + f)).append('\n');
            }
            int n = 0;
            for (Finding f : s.findings()) {
                if (n++ == most) {
                    b.append("  … ").append(s.findings().size() - most).append(" more (--verbose)\n");
                    break;
                }
                String sev = f.severity().name().toLowerCase(Locale.ROOT);
                String line = t.cut("  ! " + sev + " " + f.oneLine());
                b.append(f.severity().ordinal() <= 1 ? line.replaceFirst(sev, t.red(sev)) : line)
                        .append('\n');
            }
        }
        if (!r.policy().isEmpty()) {
            b.append("\npolicy:\n");
            for (TrustReport.RuleOutcome o : r.policy()) {
                String head =
                        o.passed() ? t.green("pass") : o.severity().equals("deny") ? t.red("FAIL") : t.yellow("warn");
                b.append("  ")
                        .append(head)
                        .append("  ")
                        .append(t.cut(o.id() + (o.passed() ? "" : ": " + o.message()), 80 - 8))
                        .append('\n');
                if (!o.passed() && o.evidence() != null) {
                    b.append(t.cut("        evidence: " + o.evidence())).append('\n');
                }
            }
        }
        if (!r.reviewQueue().isEmpty()) {
            b.append("\nreview queue (").append(r.reviewQueue().size()).append("):\n");
            int n = 1;
            for (String q : r.reviewQueue()) {
                if (!verbose && n > most + 2) {
                    b.append("  … ").append(r.reviewQueue().size() - n + 1).append(" more (--verbose)\n");
                    break;
                }
                b.append(t.cut(String.format("  %2d. [ ] %s", n++, q))).append('\n');
            }
        }
        return b.toString();
    }
}

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

    /** The terminal report at the default width (100 columns). */
    public static String render(TrustReport r, boolean verbose, boolean colour) {
        return render(r, verbose, colour, Wrap.DEFAULT_WIDTH);
    }

    /**
     * The terminal report: the verdict first, with how many policy rules failed; facts, findings and review items
     * wrapped to {@code width} with a hanging indent (never cut); at most 8 findings per section unless verbose; each
     * failed policy rule with its evidence and what to do about it.
     */
    public static String render(TrustReport r, boolean verbose, boolean colour, int width) {
        TextStyle t = new TextStyle(colour);
        StringBuilder b = new StringBuilder();
        b.append(r.image()).append('\n');
        String v = "verdict: " + r.verdict() + r.policySummary();
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
            String pad = " ".repeat(Math.max(1, 15 - status.length()));
            b.append('\n').append(painted).append(pad).append(s.question()).append('\n');
            for (String f : s.facts()) {
                b.append(Wrap.hanging("  ", f, "      ", width));
            }
            int n = 0;
            for (Finding f : s.findings()) {
                if (n++ == most) {
                    b.append("  … ").append(s.findings().size() - most).append(" more (--verbose)\n");
                    break;
                }
                String sev = f.severity().name().toLowerCase(Locale.ROOT);
                String line = Wrap.hanging("  ! " + sev + " ", f.oneLine(), "      ", width);
                b.append(f.severity().ordinal() <= 1 ? line.replaceFirst(sev, t.red(sev)) : line);
            }
        }
        if (!r.policy().isEmpty()) {
            b.append("\npolicy:\n");
            for (TrustReport.RuleOutcome o : r.policy()) {
                String head =
                        o.passed() ? t.green("pass") : o.severity().equals("deny") ? t.red("FAIL") : t.yellow("warn");
                b.append(Wrap.hanging(
                        "  " + head + "  ", o.id() + (o.passed() ? "" : ": " + o.message()), "        ", width));
                if (!o.passed() && o.evidence() != null) {
                    b.append(Wrap.hanging("        evidence: ", o.evidence(), "          ", width));
                }
                if (!o.passed() && o.fix() != null) {
                    b.append(Wrap.hanging("        fix: ", o.fix(), "          ", width));
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
                b.append(Wrap.hanging(String.format("  %2d. [ ] ", n++), q, "          ", width));
            }
        }
        return b.toString();
    }
}

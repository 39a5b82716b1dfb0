package dev.vouch.cli;

import dev.vouch.audit.ReviewQueue;
import dev.vouch.check.render.Wrap;
import java.util.List;

/** The review queue as text: what a person must still look at, grouped, each with its line, wrapped to a width. */
final class ReviewText {
    private static final String CONTINUED = "                ";

    private ReviewText() {}

    static String render(ReviewQueue q, int width) {
        StringBuilder b = new StringBuilder("  review queue:\n");
        if (!q.baseImages().isEmpty()) {
            b.append("    base images:\n");
            for (ReviewQueue.BaseImage i : q.baseImages()) {
                item(
                        b,
                        i.line(),
                        i.stage() + ": " + i.image() + " ("
                                + (i.digestPinned()
                                        ? "pinned by digest"
                                        : i.tag() == null ? "no tag" : "tag " + i.tag())
                                + "; " + i.origin() + ")",
                        width);
            }
        }
        items(b, "package sources and keys", q.packageSources(), width);
        if (!q.downloads().isEmpty()) {
            b.append("    downloads:\n");
            for (ReviewQueue.DownloadItem d : q.downloads()) {
                item(
                        b,
                        d.line(),
                        d.tool() + " " + d.url() + " (" + d.transport() + "; verified by " + d.verifiedBy() + ")",
                        width);
            }
        }
        items(b, "scripts that run", q.scripts(), width);
        items(b, "security-relevant changes", q.securityChanges(), width);
        return b.toString();
    }

    private static void items(StringBuilder b, String title, List<ReviewQueue.Item> items, int width) {
        if (items.isEmpty()) {
            return;
        }
        b.append("    ").append(title).append(":\n");
        for (ReviewQueue.Item i : items) {
            item(b, i.line(), i.what(), width);
        }
    }

    private static void item(StringBuilder b, int line, String what, int width) {
        b.append(Wrap.hanging(String.format("      line %-4d ", line), what, CONTINUED, width));
    }
}

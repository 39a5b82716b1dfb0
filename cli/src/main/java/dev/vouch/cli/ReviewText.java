package dev.vouch.cli;

import dev.vouch.audit.ReviewQueue;
import java.util.List;

/** The review queue as text: what a person must still look at, grouped, each with its line. */
final class ReviewText {
    private ReviewText() {}

    static String render(ReviewQueue q) {
        StringBuilder b = new StringBuilder("  review queue:\n");
        if (!q.baseImages().isEmpty()) {
            b.append("    base images:\n");
            for (ReviewQueue.BaseImage i : q.baseImages()) {
                b.append(String.format(
                        "      line %-4d %s: %s (%s; %s)%n",
                        i.line(),
                        i.stage(),
                        i.image(),
                        i.digestPinned() ? "pinned by digest" : i.tag() == null ? "no tag" : "tag " + i.tag(),
                        i.origin()));
            }
        }
        items(b, "package sources and keys", q.packageSources());
        if (!q.downloads().isEmpty()) {
            b.append("    downloads:\n");
            for (ReviewQueue.DownloadItem d : q.downloads()) {
                b.append(String.format(
                        "      line %-4d %s %s (%s; verified by %s)%n",
                        d.line(), d.tool(), d.url(), d.transport(), d.verifiedBy()));
            }
        }
        items(b, "scripts that run", q.scripts());
        items(b, "security-relevant changes", q.securityChanges());
        return b.toString();
    }

    private static void items(StringBuilder b, String title, List<ReviewQueue.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("    ").append(title).append(":\n");
        for (ReviewQueue.Item i : items) {
            b.append(String.format("      line %-4d %s%n", i.line(), i.what()));
        }
    }
}

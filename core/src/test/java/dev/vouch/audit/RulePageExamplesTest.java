package dev.vouch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.dockerfile.DockerfileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples on every rule's page ({@code docs/rules/ID.md}) are executable: each Dockerfile block under
 * "Fires" must make that rule fire, each under "Does not fire" must not. A page that says one thing while the
 * rule does another fails here.
 */
class RulePageExamplesTest {
    private static final Path PAGES =
            Path.of(System.getProperty("vouch.root", "..")).resolve("docs/rules");

    @Test
    void everyRulePageExampleBehavesAsItsPageSays() throws IOException {
        List<String> wrong = new ArrayList<>();
        int examples = 0;
        for (AuditRule rule : Rules.all()) {
            String page = Files.readString(PAGES.resolve(rule.id() + ".md"));
            List<String> fires = blocks(section(page, "## Fires"));
            List<String> silent = blocks(section(page, "## Does not fire"));
            assertThat(fires).as(rule.id() + " has a Fires example").isNotEmpty();
            assertThat(silent).as(rule.id() + " has a Does not fire example").isNotEmpty();
            for (String f : fires) {
                examples++;
                if (!fires(rule.id(), f)) {
                    wrong.add(rule.id() + " should fire on: " + f);
                }
            }
            for (String s : silent) {
                examples++;
                if (fires(rule.id(), s)) {
                    wrong.add(rule.id() + " should not fire on: " + s);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(examples).isGreaterThanOrEqualTo(2 * Rules.all().size());
    }

    private static boolean fires(String id, String dockerfile) {
        return DockerfileAudit.run(DockerfileParser.parse(dockerfile, "Dockerfile"), AuditOptions.defaults()).stream()
                .anyMatch(f -> f.id().equals(id));
    }

    private static String section(String page, String heading) {
        int start = page.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = page.indexOf("\n## ", start + heading.length() + 2);
        return end < 0 ? page.substring(start) : page.substring(start, end);
    }

    private static List<String> blocks(String section) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while ((at = section.indexOf("```dockerfile\n", at)) >= 0) {
            int body = at + "```dockerfile\n".length();
            int close = section.indexOf("```", body);
            out.add(section.substring(body, close));
            at = close + 3;
        }
        return out;
    }
}

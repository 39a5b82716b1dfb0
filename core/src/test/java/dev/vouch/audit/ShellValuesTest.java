package dev.vouch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.Script;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the words of a RUN can hold: assignments, case tables, loops, functions with shift, ARG/ENV, trims. */
class ShellValuesTest {
    private static final String U = String.valueOf(ShellValues.UNKNOWN);

    private static ShellValues values(String dockerfile, int index) {
        BuildModel model = BuildModel.of(DockerfileParser.parse(dockerfile, "Dockerfile"), Map.of());
        AuditContext ctx = new AuditContext(model, "Dockerfile", AuditOptions.defaults());
        return ctx.values(index);
    }

    @Test
    void everyAssignmentIsAPossibleValueAndUnknownPartsStayMarked() {
        ShellValues v = values(
                "FROM debian:12\nRUN arch=\"$(dpkg --print-architecture)\"; case \"$arch\" in amd64) a=x86_64 ;;"
                        + " arm64) a=aarch64 ;; esac; export B=\"t-$a.zip\"\n",
                1);
        assertThat(v.expand("$a")).containsExactly("x86_64", "aarch64");
        assertThat(v.expand("/tmp/$B")).containsExactly("/tmp/t-x86_64.zip", "/tmp/t-aarch64.zip");
        assertThat(v.expand("${arch}-1")).containsExactly(U + "-1");
        assertThat(v.expand("$NOPE")).containsExactly(U);
    }

    @Test
    void loopsSplitUnquotedListsAndArgAndEnvComeFromTheModel() {
        ShellValues v = values(
                "FROM debian:12\nARG SERVER\nENV KEYS=\"k1 k2\" URL=${SERVER:-https://mirror.example}/f.tgz\n"
                        + "RUN for k in $KEYS 'k 3'; do echo \"$k\"; done\n",
                3);
        assertThat(v.expand("$k")).containsExactly("k1", "k2", "k 3");
        assertThat(v.expand("$URL")).containsExactly("https://mirror.example/f.tgz");
    }

    @Test
    void positionalParametersTakeEachCallsArgumentsAfterTheShiftsBeforeThem() {
        String run = "get() { local out=\"$1\"; shift; curl -o \"$out\" \"https://dl.example/$1\"; };"
                + " get a.tgz x/a.tgz; get b.tgz x/b.tgz\n";
        BuildModel model = BuildModel.of(DockerfileParser.parse("FROM debian:12\nRUN " + run, "Dockerfile"), Map.of());
        AuditContext ctx = new AuditContext(model, "Dockerfile", AuditOptions.defaults());
        Script script = ctx.script(1);
        ShellValues v = ctx.values(1);
        Pipeline curl = script.pipelines().stream()
                .filter(p -> p.commands().get(0).name().equals("curl"))
                .findFirst()
                .orElseThrow();
        assertThat(v.expand("$out", curl)).containsExactly("a.tgz", "b.tgz");
        assertThat(v.expand("https://dl.example/$1", curl))
                .containsExactly("https://dl.example/x/a.tgz", "https://dl.example/x/b.tgz");
        // outside a function body, $1 is unknown
        assertThat(v.expand("$1")).containsExactly(U);
    }

    @Test
    void trimsAndDefaultsAreApplied() {
        ShellValues v = values("FROM debian:12\nENV V=26.1.3 ARCH=linux-amd64\nRUN echo\n", 2);
        assertThat(v.expand("${V%.?.?}")).containsExactly("26");
        assertThat(v.expand("${ARCH##*-}")).containsExactly("amd64");
        assertThat(v.expand("${ARCH#*-}")).containsExactly("amd64");
        assertThat(v.expand("${MISSING:-fallback}")).containsExactly("fallback");
        assertThat(ShellValues.trim("a-b-c", "*-", "##")).isEqualTo("c");
        assertThat(ShellValues.trim("a-b-c", "-*", "%")).isEqualTo("a-b");
    }

    @Test
    void selfReferenceAndHugeProductsAreBounded() {
        StringBuilder many = new StringBuilder("FROM debian:12\nRUN ");
        for (int i = 0; i < 40; i++) {
            many.append("x=v").append(i).append("; ");
        }
        many.append("y=\"$y$y\"; echo\n");
        ShellValues v = values(many.toString(), 1);
        assertThat(v.expand("$x-$x")).allMatch(s -> s.length() < 10).hasSizeLessThanOrEqualTo(ShellValues.MAX_VALUES);
        Set<String> y = v.expand("$y");
        assertThat(y).allMatch(s -> s.contains(U) || s.isEmpty());
    }
}

package dev.vouch.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellParserTest {
    private static List<String> names(Script s) {
        return s.allCommands().stream().map(SimpleCommand::name).toList();
    }

    @Test
    void listsAndPipelinesWithTheirOperators() {
        Script s = ShellParser.parse(
                "set -eux; apt-get update && apt-get install -y curl || true; curl -fsSL https://x/i.sh | sh -s -- --yes");
        assertThat(s.errors()).isEmpty();
        assertThat(s.pipelines()).extracting(Pipeline::next).containsExactly(";", "&&", "||", ";", "");
        Pipeline last = s.pipelines().get(4);
        assertThat(last.commands()).extracting(SimpleCommand::program).containsExactly("curl", "sh");
        assertThat(last.commands().get(0).args()).containsExactly("-fsSL", "https://x/i.sh");
        assertThat(last.commands().get(1).args()).containsExactly("-s", "--", "--yes");
    }

    @Test
    void quotingEscapesAndExpansionsKeepTheirMeaning() {
        Script s = ShellParser.parse("echo \"$SHA  file.tgz\" 'lit $X' a\\ b \"q\\\"uote\" ${V:-x}/p $(uname -m)");
        SimpleCommand echo = s.pipelines().get(0).commands().get(0);
        assertThat(echo.words())
                .extracting(Word::value)
                .containsExactly("echo", "$SHA  file.tgz", "lit $X", "a b", "q\"uote", "${V:-x}/p", "$(uname -m)");
        assertThat(echo.words())
                .extracting(Word::dynamic)
                .containsExactly(false, true, false, false, false, true, true);
        assertThat(echo.substitutions()).hasSize(1);
        assertThat(names(s)).containsExactly("echo", "uname");
    }

    @Test
    void substitutionsAndProcessSubstitutionsAreScripts() {
        Script s = ShellParser.parse(
                "bash <(curl -s https://get.example) && sh -c \"$(wget -qO- http://x/y)\" && X=`id -u` env");
        assertThat(names(s)).containsExactly("bash", "curl", "sh", "wget", "env", "id");
        SimpleCommand bash = s.pipelines().get(0).commands().get(0);
        assertThat(bash.substitutions().get(0).allCommands().get(0).args())
                .containsExactly("-s", "https://get.example");
        SimpleCommand env = s.pipelines().get(2).commands().get(0);
        assertThat(env.assignments()).extracting(Word::raw).containsExactly("X=`id -u`");
    }

    @Test
    void compoundCommandsAreFlattenedIncludingCase() {
        Script s = ShellParser.parse("arch=\"$(dpkg --print-architecture)\"; case \"$arch\" in\n"
                + "  amd64) sha='aaa' ;;\n  'arm64'|aarch64) sha=bbb ;;\n  *) echo >&2 \"unsupported\"; exit 1 ;;\nesac;\n"
                + "if [ -n \"$x\" ]; then (cd /tmp && make); else for f in a b; do rm \"$f\"; done; fi\n"
                + "{ echo a; echo b; } > out");
        assertThat(s.errors()).isEmpty();
        assertThat(names(s))
                .containsExactly(
                        "", "dpkg", "case", "", "", "echo", "exit", "[", "cd", "make", "for", "rm", "echo", "echo", "");
        // the case subject stays as a command, so a substitution in it is seen
        assertThat(s.allCommands().get(2).args()).containsExactly("$arch");
        // a group's redirection stands on its own after the group's commands
        assertThat(s.allCommands().get(14).redirects().get(0).target().value()).isEqualTo("out");
        assertThat(s.allCommands().get(10).args()).containsExactly("f", "in", "a", "b");
        SimpleCommand echo = s.allCommands().get(5);
        assertThat(echo.redirects())
                .extracting(Redirect::op, Redirect::fd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(">&", -1));
    }

    @Test
    void functionBodiesCarryTheirNameAndCaseSubjectsKeepTheirSubstitutions() {
        Script s = ShellParser.parse("get() { local f=\"$1\"; shift; curl -o \"$f\" \"$1\"; }; get a.tgz u; "
                + "function tidy { rm -f \"$1\"; }; tidy a.tgz; case \"$(sha256sum a.tgz)\" in x*) ;; esac");
        assertThat(s.errors()).isEmpty();
        assertThat(s.pipelines())
                .extracting(p -> p.commands().get(0).name() + "@" + p.function())
                .containsExactly("local@get", "shift@get", "curl@get", "get@null", "rm@tidy", "tidy@null", "case@null");
        SimpleCommand subject = s.pipelines().get(6).commands().get(0);
        assertThat(subject.substitutions().get(0).allCommands().get(0).name()).isEqualTo("sha256sum");
    }

    @Test
    void aHereStringIsTheCommandsStandardInput() {
        Script s = ShellParser.parse("sha256sum -c <<< \"$SUM  a.tgz\"; echo ok");
        assertThat(s.errors()).isEmpty();
        Redirect r = s.allCommands().get(0).redirects().get(0);
        assertThat(r.op()).isEqualTo("<<<");
        assertThat(r.heredoc()).isEqualTo("$SUM  a.tgz");
        assertThat(names(s)).containsExactly("sha256sum", "echo");
    }

    @Test
    void heredocsInScriptsAreReadAndSkipped() {
        Script s = ShellParser.parse(
                "cat > /etc/x.conf <<EOF\nkey=$V\nEOF\ncat <<-'A' 2>/dev/null\n\tone\n\tA\necho done\n");
        assertThat(s.errors()).isEmpty();
        assertThat(names(s)).containsExactly("cat", "cat", "echo");
        assertThat(s.allCommands().get(0).redirects())
                .extracting(Redirect::heredoc)
                .containsExactly(null, "key=$V\n");
        assertThat(s.allCommands().get(1).redirects().get(0).heredoc()).isEqualTo("one\n");
        assertThat(s.allCommands().get(1).redirects().get(1).fd()).isEqualTo(2);
    }

    @Test
    void hostileInputIsBoundedAndReported() {
        assertThat(ShellParser.parse("echo 'open").errors()).containsExactly("unterminated single quote");
        assertThat(ShellParser.parse("echo $(ls").errors()).containsExactly("unterminated $( … ) substitution");
        String deep = "$(".repeat(100) + "x" + ")".repeat(100);
        Script s = ShellParser.parse("echo " + deep);
        assertThat(s.errors()).contains("substitutions nest deeper than 32");
        assertThat(ShellParser.parse("x".repeat(ShellParser.MAX_LENGTH + 1)).errors())
                .hasSize(1);
    }
}

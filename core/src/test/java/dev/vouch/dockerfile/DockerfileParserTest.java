package dev.vouch.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
    private static Dockerfile parse(String text) {
        return DockerfileParser.parse(text, "Dockerfile");
    }

    @Test
    void heredocsAreReadWithTheirBodiesFlagsAndLines() {
        Dockerfile d = parse("FROM alpine\n"
                + "RUN <<EOF\necho $HOME\nEOF\n"
                + "RUN <<-'NOEXPAND'\n\tdon't expand $NAME\n\tNOEXPAND\n"
                + "COPY <<A 3<<\"B\" /dest\nfirst\nA\nsecond\nB\n"
                + "RUN [\"echo\", \"<<NOT\"]\n"
                + "RUN \"<<QUOTED\"\n"
                + "USER <<NOPE\n");
        assertThat(d.errors()).isEmpty();
        List<Instruction> is = d.instructions();
        assertThat(is.get(1).heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "echo $HOME\n"));
        assertThat(is.get(1).startLine()).isEqualTo(2);
        assertThat(is.get(1).endLine()).isEqualTo(4);
        assertThat(is.get(2).heredocs())
                .containsExactly(new Heredoc("NOEXPAND", 0, false, true, "\tdon't expand $NAME\n"));
        assertThat(is.get(3).heredocs())
                .containsExactly(
                        new Heredoc("A", 0, true, false, "first\n"), new Heredoc("B", 3, false, false, "second\n"));
        assertThat(is.get(3).endLine()).isEqualTo(12);
        assertThat(is.get(4).heredocs()).isEmpty();
        assertThat(is.get(5).heredocs()).isEmpty();
        assertThat(is.get(6).heredocs()).isEmpty();
        assertThat(is.get(6).startLine()).isEqualTo(15);
    }

    @Test
    void parseErrorsAreResultsWithLinesNotExceptions() {
        assertThat(parse("FROM a\nRUN <<EOF\nno end\n").errors())
                .containsExactly(new ParseError(2, 3, "unterminated heredoc EOF"));
        assertThat(parse("FROM a\n\nENV PATH\n").errors())
                .containsExactly(new ParseError(3, 3, "ENV must have two arguments"));
        assertThat(parse("# escape=x\nFROM a\n").errors())
                .containsExactly(new ParseError(1, 1, "invalid escape token 'x' does not match ` or \\"));
        assertThat(parse("# comment only\n\n").errors())
                .containsExactly(new ParseError(0, 0, "file with no instructions"));
        Dockerfile partial = parse("FROM a\nCMD [\"a\", 1]\n");
        assertThat(partial.instructions()).hasSize(1);
        assertThat(partial.errors().get(0).line()).isEqualTo(2);
    }

    @Test
    void directivesCommentsAndFlagsAreKept() {
        Dockerfile d = parse("# syntax=docker/dockerfile:1\n# check=skip=all\n# escape=`\n"
                + "# the base\nFROM --platform=$BUILDPLATFORM golang AS build\n"
                + "COPY --from=build --chown=1000:1000 --link /out /app\n");
        assertThat(d.directives())
                .containsEntry("syntax", "docker/dockerfile:1")
                .containsEntry("check", "skip=all");
        assertThat(d.escape()).isEqualTo('`');
        assertThat(d.instructions().get(0).comments()).containsExactly("the base");
        assertThat(d.instructions().get(0).flags()).containsExactly("--platform=$BUILDPLATFORM");
        assertThat(d.instructions().get(0).args()).containsExactly("golang", "AS", "build");
        assertThat(d.instructions().get(1).flags()).containsExactly("--from=build", "--chown=1000:1000", "--link");
    }

    @Test
    void runsAfterAPowershellShellAreNotPosixShellUntilTheNextStage() {
        Dockerfile d = parse("FROM a\nRUN echo\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host hi\n"
                + "FROM b\nRUN echo\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo\n");
        assertThat(d.posixShellAt(1)).isTrue();
        assertThat(d.posixShellAt(3)).isFalse();
        assertThat(d.posixShellAt(5)).isTrue();
        assertThat(d.posixShellAt(7)).isTrue();
    }

    @Test
    void overlongLinesAreRefusedAsBuildkitDoes() {
        Dockerfile d = parse("FROM a\nRUN " + "x".repeat(70_000) + "\n");
        assertThat(d.errors()).hasSize(1);
        assertThat(d.errors().get(0).line()).isEqualTo(2);
        assertThat(d.errors().get(0).message()).startsWith("line longer than");
    }
}

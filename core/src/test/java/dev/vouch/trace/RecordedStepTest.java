package dev.vouch.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** created_by strings as the classic builder, buildah and BuildKit write them, read back into instructions. */
class RecordedStepTest {
    private static String read(String createdBy) {
        RecordedStep s = RecordedStep.of(createdBy);
        return s.keyword() + " | " + s.text() + (s.words().isEmpty() ? "" : " | " + s.words());
    }

    @Test
    void classicAndBuildahForms() {
        assertThat(read("/bin/sh -c #(nop)  CMD [\"bash\"]")).isEqualTo("CMD | [\"bash\"] | [bash]");
        assertThat(read("/bin/sh -c #(nop) ADD file:0b3d in / ")).isEqualTo("ADD | /");
        assertThat(read("/bin/sh -c #(nop) COPY dir:9f1c in /app/ ")).isEqualTo("COPY | /app/");
        assertThat(read("/bin/sh -c #(nop)  ENV PATH=/usr/local/bin:/usr/bin LANG=C.UTF-8"))
                .isEqualTo("ENV | PATH=/usr/local/bin:/usr/bin LANG=C.UTF-8");
        assertThat(read("/bin/sh -c #(nop)  EXPOSE 80/tcp")).isEqualTo("EXPOSE | 80/tcp");
        assertThat(read("/bin/sh -c apt-get update \t&&  apt-get install -y curl"))
                .isEqualTo("RUN | apt-get update && apt-get install -y curl");
        // build arguments in force are recorded before the shell: |N then N assignments
        assertThat(read("|2 VERSION=1.2 TOKEN=x /bin/sh -c make VERSION=$VERSION"))
                .isEqualTo("RUN | make VERSION=$VERSION");
        assertThat(read("mmdebstrap --variant=minbase bookworm"))
                .isEqualTo("null | mmdebstrap --variant=minbase bookworm");
    }

    @Test
    void buildKitForms() {
        assertThat(read("RUN /bin/sh -c apk add --no-cache curl # buildkit"))
                .isEqualTo("RUN | apk add --no-cache curl");
        assertThat(read("RUN |1 V=2 /bin/sh -c echo $V # buildkit")).isEqualTo("RUN | echo $V");
        assertThat(read("COPY --chown=app:app src/ /srv/app/ # buildkit")).isEqualTo("COPY | /srv/app/");
        assertThat(read("ENTRYPOINT [\"/docker-entrypoint.sh\"]"))
                .isEqualTo("ENTRYPOINT | [\"/docker-entrypoint.sh\"] | [/docker-entrypoint.sh]");
        assertThat(read("CMD [\"nginx\" \"-g\" \"daemon off;\"]"))
                .isEqualTo("CMD | [\"nginx\" \"-g\" \"daemon off;\"] | [nginx, -g, daemon off;]");
        assertThat(read("EXPOSE map[80/tcp:{} 443/tcp:{}]")).isEqualTo("EXPOSE | map[80/tcp:{} 443/tcp:{}]");
        assertThat(read("USER 101")).isEqualTo("USER | 101");
    }

    @Test
    void makesLayerOnlyForRunCopyAdd() {
        assertThat(RecordedStep.of("RUN /bin/sh -c true # buildkit").makesLayer())
                .isTrue();
        assertThat(RecordedStep.of("/bin/sh -c #(nop) COPY file:1 in /x").makesLayer())
                .isTrue();
        assertThat(RecordedStep.of("/bin/sh -c #(nop) USER x").makesLayer()).isFalse();
        assertThat(RecordedStep.of(null).makesLayer()).isFalse();
        assertThat(Reconciler.ports("map[80/tcp:{} 53/udp:{}] 8000-8010"))
                .containsExactly("53/udp", "80/tcp", "8000-8010/tcp");
        assertThat(Reconciler.pairs("a=\"x y\" b='z' c=1"))
                .containsExactly(
                        java.util.Map.entry("a", "x y"), java.util.Map.entry("b", "z"), java.util.Map.entry("c", "1"));
        assertThat(RecordedStep.quotedWords("[\"a\\\"b\" \"c\"]")).isEqualTo(List.of("a\"b", "c"));
    }
}

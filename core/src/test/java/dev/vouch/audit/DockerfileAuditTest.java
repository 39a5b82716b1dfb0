package dev.vouch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.report.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule: the cases it fires on (with the line) and the ones it must not fire on. */
class DockerfileAuditTest {
    private static List<String> hits(String dockerfile) {
        List<Finding> fs =
                DockerfileAudit.run(DockerfileParser.parse(dockerfile, "Dockerfile"), AuditOptions.defaults());
        return fs.stream().map(f -> f.id() + "@" + f.location().line()).toList();
    }

    private static List<String> hits(String rule, String dockerfile) {
        return hits(dockerfile).stream().filter(h -> h.startsWith(rule + "@")).toList();
    }

    private static final String USER = "\nUSER 65532\n";

    @Test
    void df001UnpinnedBaseOfShippedOrCopiedStages() {
        assertThat(hits("DF001", "FROM golang:1.23 AS build\nFROM debian:12\nCOPY --from=build /x /x" + USER))
                .containsExactly("DF001@1", "DF001@2");
        assertThat(hits("DF001", "ARG V=12\nFROM debian:${V}" + USER)).containsExactly("DF001@2");
        assertThat(hits("DF001", "FROM golang:1.23 AS unused\nFROM debian:12@sha256:" + "a".repeat(64) + USER))
                .isEmpty();
        assertThat(hits("DF001", "FROM debian:12@sha256:" + "a".repeat(64) + " AS b\nFROM b" + USER))
                .isEmpty();
        assertThat(hits("DF001", "FROM scratch" + USER)).isEmpty();
    }

    @Test
    void df002LatestOrNoTag() {
        assertThat(hits("DF002", "FROM ubuntu\nFROM nginx:latest\nFROM ghcr.io/o/r" + USER))
                .containsExactly("DF002@1", "DF002@2", "DF002@3");
        assertThat(hits(
                        "DF002",
                        "FROM ubuntu:24.04 AS a\nFROM a\nFROM localhost:5000/app:1\nFROM r@sha256:" + "b".repeat(64)
                                + USER))
                .isEmpty();
    }

    @Test
    void df003LookAlikesOfOfficialImages() {
        assertThat(hits(
                        "DF003",
                        "FROM ngnix:1\nFROM ubunto:24.04\nFROM pyth0n:3\nFROM library-nginx/nginx:1\n"
                                + "FROM nginx-official:1\nFROM docker.io/official/postgres:16\nFROM nginx/nginx:1"
                                + USER))
                .containsExactly("DF003@1", "DF003@2", "DF003@3", "DF003@4", "DF003@5", "DF003@6", "DF003@7");
        assertThat(hits(
                        "DF003",
                        "FROM nginx:1\nFROM docker.io/library/python:3\nFROM bitnami/nginx:1\n"
                                + "FROM ghcr.io/ngnix/ngnix:1\nFROM mycorp/app:1\nFROM node:22 AS n\nFROM n" + USER))
                .isEmpty();
        List<Finding> allowed = DockerfileAudit.run(
                DockerfileParser.parse("FROM ngnix:1" + USER, "D"),
                new AuditOptions(Map.of(), Set.of(), Set.of("ngnix")));
        assertThat(allowed).noneMatch(f -> f.id().equals("DF003"));
    }

    @Test
    void df004DownloadsThatNothingVerifies() {
        assertThat(hits(
                        "DF004",
                        "FROM a:1\nRUN curl -fsSLo tool.tgz https://x/tool.tgz && tar -xzf tool.tgz\n"
                                + "RUN wget https://x/app.deb && dpkg -i app.deb\n"
                                + "ADD https://x/file.bin /file.bin\n"
                                + "RUN git clone --branch v1 https://github.com/o/r.git\n"
                                + "RUN pip install https://x/pkg.tar.gz\n"
                                + "RUN curl -fsSL https://x/a.tgz | tar -xz" + USER))
                .containsExactly("DF004@2", "DF004@3", "DF004@4", "DF004@5", "DF004@6", "DF004@7");
        assertThat(hits(
                        "DF004",
                        "FROM a:1\nARG SHA=abc\n"
                                + "RUN curl -fsSLo go.tgz https://x/go.tgz && echo \"$SHA *go.tgz\" | sha256sum -c -\n"
                                + "RUN pkg=\"x-${V}.tgz\"; curl -fO https://x/${pkg}; echo \"$SHA *$pkg\" | sha256sum -c\n"
                                + "RUN wget -O p.tar.xz https://x/p.tar.xz && wget -O p.tar.xz.asc https://x/p.tar.xz.asc\n"
                                + "RUN gpg --batch --verify p.tar.xz.asc p.tar.xz\n"
                                + "RUN curl -fsSLO https://x/n.tar.xz && curl -fsSLO https://x/SHASUMS256.txt.asc"
                                + " && gpg --batch --decrypt --output SHASUMS256.txt SHASUMS256.txt.asc"
                                + " && grep \" n.tar.xz$\" SHASUMS256.txt | sha256sum -c -\n"
                                + "ADD --checksum=sha256:" + "d".repeat(64) + " https://x/f /f\n"
                                + "RUN git clone https://github.com/o/r.git && git -C r checkout " + "e".repeat(40)
                                + "\n"
                                + "RUN curl -fsSL https://x/key.asc | gpg --import" + USER))
                .isEmpty();
    }

    @Test
    void df005PlainHttpDownloads() {
        assertThat(hits(
                        "DF005",
                        "FROM a:1\nARG MIRROR=http://mirror.example\nRUN curl -fsSLo x.tgz $MIRROR/x.tgz\n"
                                + "ADD ftp://files.example/y /y\nRUN git clone http://git.example/r.git" + USER))
                .containsExactly("DF005@3", "DF005@4", "DF005@5");
        assertThat(hits(
                        "DF005",
                        "FROM a:1\nRUN curl -fsSL https://x/y -o y && echo http://not-a-download\n"
                                + "RUN wget http://127.0.0.1:8080/local" + USER))
                .isEmpty();
    }

    @Test
    void df006DownloadsRunAsTheyArrive() {
        assertThat(hits(
                        "DF006",
                        "FROM a:1\nRUN curl -fsSL https://get.example | sh\n"
                                + "RUN wget -qO- https://x/i.sh | sudo bash -s -- -y\n"
                                + "RUN bash <(curl -s https://x/i)\n"
                                + "RUN sh -c \"$(curl -fsSL https://x/install.sh)\"\n"
                                + "RUN curl -s https://x/setup.py | python3 -" + USER))
                .containsExactly("DF006@2", "DF006@3", "DF006@4", "DF006@5", "DF006@6");
        assertThat(hits(
                        "DF006",
                        "FROM a:1\nRUN curl -fsSLo i.sh https://x/i.sh && sha256sum -c sums && sh i.sh\n"
                                + "RUN curl -fsSL https://x/k.asc | gpg --dearmor -o /k.gpg\n"
                                + "RUN wget -O - https://x/a.tgz | tar -xz" + USER))
                .isEmpty();
    }

    @Test
    void df007TlsVerificationOff() {
        assertThat(hits(
                        "DF007",
                        "FROM a:1\nRUN curl -fsSLk https://x -o y\nRUN wget --no-check-certificate https://x\n"
                                + "RUN pip install --trusted-host pypi.example x\nRUN git -c http.sslVerify=false clone https://x\n"
                                + "ENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN GIT_SSL_NO_VERIFY=1 git clone https://x\n"
                                + "RUN npm config set strict-ssl false" + USER))
                .containsExactly("DF007@2", "DF007@3", "DF007@4", "DF007@5", "DF007@6", "DF007@7", "DF007@8");
        assertThat(hits(
                        "DF007",
                        "FROM a:1\nRUN curl -fsSL https://x -o k\nRUN echo --insecure\n"
                                + "ENV NODE_TLS_REJECT_UNAUTHORIZED=1\nRUN git config http.sslVerify true" + USER))
                .isEmpty();
    }

    @Test
    void df008PackageSignaturesUnchecked() {
        assertThat(hits(
                        "DF008",
                        "FROM a:1\nRUN apt-get install -y --allow-unauthenticated x\n"
                                + "RUN echo 'deb [trusted=yes] http://r.example/ ./' > /etc/apt/sources.list.d/r.list\n"
                                + "RUN apk add --allow-untrusted --repository https://r.example/main x\nRUN dnf install -y --nogpgcheck x\n"
                                + "RUN rpm -i --nosignature x.rpm\nRUN cat > /etc/yum.repos.d/x.repo <<EOF\n[x]\ngpgcheck=0\nEOF\n"
                                + USER))
                .containsExactly("DF008@2", "DF008@3", "DF008@4", "DF008@5", "DF008@6", "DF008@7");
        assertThat(hits(
                        "DF008",
                        "FROM a:1\nRUN apt-get install -y --no-install-recommends x\n"
                                + "RUN echo 'deb [signed-by=/k.gpg] https://r.example/ ./' > /etc/apt/sources.list.d/r.list\n"
                                + "RUN dnf install -y x && echo gpgcheck=1 >> /etc/dnf/dnf.conf\n"
                                + "RUN echo \"deb [ trusted=yes ] file://$tempDir ./\" > /etc/apt/sources.list.d/temp.list\n"
                                + "RUN apk add --allow-untrusted ~builder/packages/x/*.apk" + USER))
                .isEmpty();
    }

    @Test
    void df009KeysWithoutFingerprints() {
        assertThat(hits(
                        "DF009",
                        "FROM a:1\nRUN apt-key adv --keyserver hkps://k.example --recv-keys 7F0CEB10\n"
                                + "RUN curl -fsSL https://r.example/key.gpg | apt-key add -\n"
                                + "RUN gpg --keyserver hkp://keyserver.ubuntu.com --recv-keys \"$KEY\"\n"
                                + "RUN for key in 0xA1B2C3D4E5F60718; do gpg --keyserver hkps://k --recv-keys \"$key\"; done\n"
                                + "RUN wget -qO- http://r.example/key.asc | gpg --import" + USER))
                .containsExactly("DF009@2", "DF009@3", "DF009@4", "DF009@5", "DF009@6");
        assertThat(hits(
                        "DF009",
                        "FROM a:1\nRUN for key in 24C975CBA61A024EE1B631787C3D57159FC2F927; do"
                                + " gpg --keyserver hkp://keyserver.ubuntu.com --recv-keys \"$key\"; done\n"
                                + "RUN gpg --batch --recv-keys B42F6819007F00F88E364FD4036A9C25BF357DD4" + USER))
                .isEmpty();
    }

    @Test
    void df010RepositoriesOverHttp() {
        assertThat(hits(
                        "DF010",
                        "FROM a:1\nRUN echo 'deb http://r.example/debian stable main' > /etc/apt/sources.list.d/r.list\n"
                                + "RUN echo http://dl.example/alpine/main >> /etc/apk/repositories\n"
                                + "RUN printf '[r]\\nbaseurl=http://r.example/el9\\n' > /etc/yum.repos.d/r.repo"
                                + USER))
                .containsExactly("DF010@2", "DF010@3", "DF010@4");
        assertThat(hits(
                        "DF010",
                        "FROM a:1\nRUN echo 'deb [signed-by=/k] https://r.example/debian stable main' > /etc/apt/sources.list.d/r.list"
                                + USER))
                .isEmpty();
    }

    @Test
    void df013And014ConfigThatShips() {
        assertThat(hits(
                        "DF013",
                        "FROM a:1\nENV DB_PASSWORD=hunter2\nARG GITHUB_TOKEN=ghp_" + "a".repeat(36) + "\n"
                                + "LABEL api_key=\"k-123\"\nENV AWS=AKIAABCDEFGHIJKLMNOP" + USER))
                .containsExactly("DF013@2", "DF013@3", "DF013@4", "DF013@5");
        assertThat(hits(
                        "DF013",
                        "FROM a:1\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg\nARG TOKEN\n"
                                + "ENV PASSWORD=$FROM_BUILD TOKEN_URL=https://auth.example/token" + USER))
                .isEmpty();
        List<String> proxy = hits(
                "DF014", "FROM a:1\nENV http_proxy=http://proxy:3128\nENV HTTPS_PROXY=http://u:p@proxy:3128" + USER);
        assertThat(proxy).containsExactly("DF014@2", "DF014@3");
        assertThat(hits("DF014", "FROM a:1\nARG http_proxy\nENV PROXY_MODE=off" + USER))
                .isEmpty();
        List<Finding> fs = DockerfileAudit.run(
                DockerfileParser.parse("FROM a:1\nENV HTTPS_PROXY=http://u:secret@proxy:3128" + USER, "D"),
                AuditOptions.defaults());
        assertThat(fs.toString()).doesNotContain("secret");
    }

    @Test
    void df018AndDf020ForReview() {
        assertThat(hits("DF018", "FROM a:1\nUSER app")).containsExactly("DF018@2");
        assertThat(hits("DF018", "FROM a:1\nUSER 1000:1000")).containsExactly("DF018@2");
        assertThat(hits("DF018", "FROM a:1\nUSER 65532")).isEmpty();
        assertThat(hits("DF018", "FROM a:1\nUSER root")).isEmpty();
        assertThat(hits(
                        "DF020",
                        "FROM a:1\nRUN pip install --extra-index-url https://pkgs.example/simple x\n"
                                + "RUN npm config set registry https://npm.example/\nRUN npm install --registry=https://npm.example x\n"
                                + "RUN GOPROXY=https://goproxy.example go build ./..." + USER))
                .containsExactly("DF020@2", "DF020@3", "DF020@4", "DF020@5");
        assertThat(hits("DF020", "FROM a:1\nRUN pip install -r requirements.txt && npm ci" + USER))
                .isEmpty();
    }

    @Test
    void df017ScriptsThatEntrypointsRun() {
        assertThat(hits(
                        "DF017",
                        "FROM a:1\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
                                + "ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"/usr/local/bin/docker-entrypoint.sh\"]"
                                + USER))
                .containsExactly("DF017@3", "DF017@4");
        assertThat(hits(
                        "DF017",
                        "FROM a:1\nRUN curl -fsSLo /start.sh https://x/start.sh && echo \"$S /start.sh\""
                                + " | sha256sum -c -\nCMD /start.sh --serve" + USER))
                .containsExactly("DF017@3");
        assertThat(hits(
                        "DF017",
                        "FROM a:1\nCOPY app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]" + USER))
                .isEmpty();
        List<Finding> fs = DockerfileAudit.run(
                DockerfileParser.parse("FROM a:1\nCOPY run.sh /run.sh\nENTRYPOINT [\"/run.sh\"]" + USER, "D"),
                AuditOptions.defaults());
        assertThat(fs.stream()
                        .filter(f -> f.id().equals("DF017"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .isEqualTo("ENTRYPOINT runs /run.sh, copied from run.sh of the build context at line 2: read it before"
                        + " trusting the image");
    }

    @Test
    void df019BuildToolsInASingleStage() {
        assertThat(hits(
                        "DF019",
                        "FROM a:1\nRUN apt-get update && apt-get install -y build-essential libssl-dev curl" + USER))
                .containsExactly("DF019@2");
        assertThat(hits(
                        "DF019",
                        "FROM a:1\nRUN apk add --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n"
                                + "RUN apt-get install -y gcc && make && apt-get purge -y gcc" + USER))
                .isEmpty();
        assertThat(hits(
                        "DF019",
                        "FROM a:1 AS build\nRUN apt-get install -y gcc\nFROM b:1\nCOPY --from=build /o /o" + USER))
                .isEmpty();
        assertThat(hits(
                        "DF019",
                        "FROM a:1\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y libpq-dev;"
                                + " apt-mark auto '.*' > /dev/null; apt-get purge -y --auto-remove" + USER))
                .isEmpty();
    }

    @Test
    void df011RootInTheFinalStage() {
        assertThat(hits("DF011", "FROM a:1")).containsExactly("DF011@1");
        assertThat(hits("DF011", "FROM a:1\nUSER app\nUSER root")).containsExactly("DF011@3");
        assertThat(hits("DF011", "FROM a:1\nUSER 0:0")).containsExactly("DF011@2");
        assertThat(hits("DF011", "FROM a:1 AS b\nUSER app\nFROM b")).isEmpty();
        assertThat(hits("DF011", "FROM a:1\nUSER root\nRUN x\nUSER 10001")).isEmpty();
        assertThat(hits("DF011", "FROM a:1\nUSER root\nFROM c:1\nUSER app")).isEmpty();
    }

    @Test
    void df012SudoWithoutPassword() {
        assertThat(hits(
                        "DF012",
                        "FROM a:1\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\n"
                                + "RUN usermod -aG sudo app\nRUN adduser app wheel" + USER))
                .containsExactly("DF012@2", "DF012@3", "DF012@4");
        assertThat(hits(
                        "DF012",
                        "FROM a:1\nRUN useradd -m -G users app\nRUN apt-get install -y sudo-ldap-docs\n"
                                + "RUN echo 'b ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/b; make; rm -rf /etc/sudoers.d/b"
                                + USER))
                .isEmpty();
    }

    @Test
    void df015AndDf016Modes() {
        assertThat(hits("DF015", "FROM a:1\nRUN chmod -R 777 /app\nRUN chmod o+w /data\nCOPY --chmod=666 a /a" + USER))
                .containsExactly("DF015@2", "DF015@3", "DF015@4");
        assertThat(hits(
                        "DF015",
                        "FROM a:1\nRUN chmod 1777 /tmp && chmod 755 /app && chmod u+w,g+w x\n" + "COPY --chmod=644 a /a"
                                + USER))
                .isEmpty();
        assertThat(hits(
                        "DF016",
                        "FROM a:1\nRUN chmod 4755 /bin/x\nRUN chmod u+s /bin/y\nCOPY --chmod=2755 z /z" + USER))
                .containsExactly("DF016@2", "DF016@3", "DF016@4");
        assertThat(hits("DF016", "FROM a:1\nRUN chmod 0755 /bin/x && chmod +x /bin/y" + USER))
                .isEmpty();
    }

    @Test
    void suppressionsAndParseErrors() {
        assertThat(hits("FROM ubuntu\n# vouch:ignore DF002 pinned by the release script\nFROM nginx" + USER))
                .containsExactly("DF002@1", "DF001@3");
        List<Finding> fs = DockerfileAudit.run(
                DockerfileParser.parse("FROM ubuntu" + USER, "Dockerfile"),
                new AuditOptions(Map.of(), Set.of("DF001", "DF002"), Set.of()));
        assertThat(fs).isEmpty();
        assertThat(hits("FROM a:1\nRUN <<EOF\nno end\n")).containsExactly("DF000@2");
    }
}

package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vouch manifests}: pod-spec checks of Kubernetes workloads and compose services, fires and does not fire. */
class ManifestsCommandTest {
    @TempDir
    Path tmp;

    private static List<String> ids(Cli.Result r) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode file : r.json()) {
            for (JsonNode f : file.path("findings")) {
                String m = f.path("message").asText();
                String file1 = file.path("path").asText() + ": ";
                out.add(f.path("id").asText() + " " + (m.startsWith(file1) ? m.substring(file1.length()) : m));
            }
        }
        return out;
    }

    private static final String PINNED =
            "registry.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private static final String HARDENED_CONTAINER = """
                  - name: ok
                    image: %s
                    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true}
                    resources: {limits: {cpu: 100m, memory: 64Mi}}
            """.formatted(PINNED);

    @Test
    void everyWorkloadKindIsReadAndEachRuleFires() throws Exception {
        Path f = tmp.resolve("k8s.yaml");
        Files.writeString(
                f,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      hostPID: true
                      volumes:
                        - {name: sock, hostPath: {path: /var/run/docker.sock}}
                        - {name: etc, hostPath: {path: /etc/}}
                      containers:
                        - name: app
                          image: ngnix:1.27
                          securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN, CHOWN]}}
                          volumeMounts: [{name: sock, mountPath: /s}, {name: etc, mountPath: /e, readOnly: true}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: debug}
                spec:
                  hostNetwork: true
                  securityContext: {runAsUser: 0}
                  initContainers:
                """ + HARDENED_CONTAINER.replace("runAsNonRoot: true", "runAsUser: 1000") + """
                  containers:
                """ + HARDENED_CONTAINER
                        + """
                  ephemeralContainers:
                    - name: shell
                      image: busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111
                      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tidy}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                """ + HARDENED_CONTAINER.indent(10));
        Cli.Result r = Cli.run("manifests", "--format", "json", f.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(ids(r))
                .containsExactly(
                        "K8S005 Deployment web: hostPID shares the node's namespace with the pod",
                        "K8S004 Deployment web: volume sock mounts the node's /var/run/docker.sock",
                        "K8S004 Deployment web: volume etc mounts the node's /etc/",
                        "K8S001 Deployment web container app: privileged: the container is root on the node",
                        "K8S002 Deployment web container app: allowPrivilegeEscalation is not false (setuid binaries can"
                                + " gain privileges)",
                        "K8S003 Deployment web container app: adds the capability SYS_ADMIN",
                        "K8S003 Deployment web container app: adds the capability CHOWN",
                        "K8S006 Deployment web container app: readOnlyRootFilesystem is not set",
                        "K8S007 Deployment web container app: runAsNonRoot is not set: the image's user (often root)"
                                + " decides",
                        "K8S008 Deployment web container app: no cpu and memory limits",
                        "K8S009 Deployment web container app: mounts host path /var/run/docker.sock writable at /s"
                                + " (readOnly: true would do for reading)",
                        "K8S010 Deployment web container app: image ngnix:1.27 is not pinned by digest (a tag can move)",
                        "DF003 Deployment web container app: ngnix:1.27 is not an official image but one edit from the"
                                + " official nginx (a typo or a typosquat?); check the name",
                        "K8S005 Pod debug: hostNetwork shares the node's namespace with the pod",
                        // the pod's runAsUser 0 wins over the container's runAsNonRoot (which would refuse to start)
                        "K8S007 Pod debug container ok: runs as uid 0 (runAsUser: 0)",
                        "K8S007 Pod debug ephemeral container shell: runs as uid 0 (runAsUser: 0)");
        // the CronJob's container is hardened: nothing about it; the severities
        assertThat(r.out()).doesNotContain("CronJob tidy");
        JsonNode first = r.json().path(0).path("findings");
        assertThat(first.path(5).path("severity").asText()).isEqualTo("HIGH"); // SYS_ADMIN
        assertThat(first.path(6).path("severity").asText()).isEqualTo("MEDIUM"); // CHOWN
    }

    @Test
    void composeServicesGetTheSameChecks() throws Exception {
        Path f = tmp.resolve("compose.yaml");
        Files.writeString(f, """
                services:
                  agent:
                    image: example/agent:1
                    privileged: true
                    network_mode: host
                    cap_add: [NET_ADMIN]
                    volumes:
                      - /:/host
                      - data:/data
                  web:
                    image: %s
                    user: "10001:10001"
                    read_only: true
                    security_opt: [no-new-privileges:true]
                    deploy: {resources: {limits: {cpus: "0.5", memory: 128M}}}
                    volumes:
                      - ./static:/srv:ro
                volumes: {data: {}}
                """.formatted(PINNED));
        Cli.Result r = Cli.run("manifests", "--format", "json", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(ids(r))
                .containsExactly(
                        "K8S005 service agent: hostNetwork shares the node's namespace with the pod",
                        "K8S004 service agent: volume v0 mounts the node's /",
                        "K8S001 service agent: privileged: the container is root on the node",
                        "K8S002 service agent: allowPrivilegeEscalation is not false (setuid binaries can gain"
                                + " privileges)",
                        "K8S003 service agent: adds the capability NET_ADMIN",
                        "K8S006 service agent: readOnlyRootFilesystem is not set",
                        "K8S007 service agent: runAsNonRoot is not set: the image's user (often root) decides",
                        "K8S008 service agent: no cpu and memory limits",
                        "K8S009 service agent: mounts host path / writable at /host (readOnly: true would do for reading)",
                        "K8S010 service agent: image example/agent:1 is not pinned by digest (a tag can move)");
        // a directory of files is read too; a broken file is one line naming it, exit 2
        Files.writeString(tmp.resolve("broken.yml"), "kind: Pod\nspec: [unclosed\n");
        Cli.Result dir = Cli.run("manifests", tmp.toString());
        assertThat(dir.code()).isEqualTo(2);
        assertThat(dir.err()).startsWith("vouch: " + tmp.resolve("broken.yml") + ": not YAML");
    }
}

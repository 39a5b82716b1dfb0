package dev.vouch.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon rules on /info answers and configurations written for each case (the real engine is in the CLI tests). */
class DaemonChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> ids(
            String info, boolean bridge, String daemonJson, List<String> args, Map<String, String> env)
            throws Exception {
        JsonNode file = daemonJson == null ? null : JSON.readTree(daemonJson);
        return DaemonChecks.check(JSON.readTree(info), bridge, new DaemonConfig(file, args), env).stream()
                .map(f -> f.id() + " " + f.cis())
                .toList();
    }

    private static final String HARDENED_INFO =
            "{\"SecurityOptions\":[\"name=seccomp,profile=default\",\"name=userns\","
                    + "\"name=rootless\"],\"Plugins\":{\"Authorization\":[\"opa\"]},\"LoggingDriver\":\"journald\","
                    + "\"LiveRestoreEnabled\":true,\"Driver\":\"overlay2\",\"RegistryConfig\":{\"InsecureRegistryCIDRs\":"
                    + "[\"127.0.0.0/8\",\"::1/128\"],\"IndexConfigs\":{\"docker.io\":{\"Secure\":true}}},"
                    + "\"Swarm\":{\"LocalNodeState\":\"inactive\"}}";
    private static final String HARDENED_JSON =
            "{\"icc\":false,\"no-new-privileges\":true,\"userland-proxy\":false,\"log-level\":\"info\"}";

    @Test
    void aHardenedDaemonHasNoFinding() throws Exception {
        assertThat(ids(HARDENED_INFO, true, HARDENED_JSON, List.of(), Map.of("DOCKER_CONTENT_TRUST", "1")))
                .isEmpty();
    }

    @Test
    void eachSettingFiresItsRule() throws Exception {
        String info = "{\"SecurityOptions\":[\"name=seccomp,profile=unconfined\"],\"Plugins\":{},\"LoggingDriver\":"
                + "\"json-file\",\"LiveRestoreEnabled\":false,\"Driver\":\"aufs\",\"ExperimentalBuild\":true,"
                + "\"RegistryConfig\":{\"InsecureRegistryCIDRs\":[\"127.0.0.0/8\",\"10.0.0.0/8\"],\"IndexConfigs\":"
                + "{\"reg.example:5000\":{\"Secure\":false}},\"Mirrors\":[\"https://mirror.example/\"]},"
                + "\"Swarm\":{\"LocalNodeState\":\"active\"}}";
        List<String> found = ids(
                info,
                true,
                "{\"hosts\":[\"unix:///var/run/docker.sock\",\"tcp://0.0.0.0:2375\"]}",
                List.of("dockerd", "-l", "debug", "--iptables=false"),
                Map.of());
        assertThat(found)
                .containsExactly(
                        "ENG001 2.1",
                        "ENG002 2.2",
                        "ENG003 2.3",
                        "ENG004 2.4",
                        "ENG005 2.5",
                        "ENG005 2.5",
                        "ENG006 2.6",
                        "ENG007 2.7",
                        "ENG009 2.9",
                        "ENG012 2.12",
                        "ENG013 2.13",
                        "ENG014 2.14",
                        "ENG015 2.15",
                        "ENG016 2.16",
                        "ENG017 2.17",
                        "ENG018 2.18",
                        "ENG019 null",
                        "ENG020 5.1",
                        "ENG021 4.5");
    }

    @Test
    void theCommandLineWinsOverTheFileAndTlsVerifyQuietsTheTcpListener() throws Exception {
        List<String> found = ids(
                HARDENED_INFO,
                true,
                HARDENED_JSON,
                List.of("dockerd", "--icc=true", "-H", "tcp://0.0.0.0:2376", "--tlsverify"),
                Map.of("DOCKER_CONTENT_TRUST", "1"));
        assertThat(found).containsExactly("ENG002 2.2");
        // no default bridge (--bridge=none): icc cannot matter
        assertThat(ids(HARDENED_INFO, false, "{}", List.of(), Map.of("DOCKER_CONTENT_TRUST", "1")))
                .containsExactly("ENG014 2.14", "ENG016 2.16");
    }
}

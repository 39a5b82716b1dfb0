package dev.vouch.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Envelopes in the shape distribution sends (docs: about/notifications). */
class RegistryEventsTest {
    static final String D = "sha256:" + "a".repeat(64);

    static byte[] envelope(String... events) {
        return ("{\"events\":[" + String.join(",", events) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static String event(String action, String mediaType, String repo, String digest, String tag) {
        return "{\"id\":\"e1\",\"timestamp\":\"2026-11-23T10:00:00Z\",\"action\":\"" + action + "\",\"target\":{"
                + "\"mediaType\":\"" + mediaType + "\",\"size\":528,\"digest\":\"" + digest + "\",\"length\":528,"
                + "\"repository\":\"" + repo + "\",\"url\":\"http://127.0.0.1:5000/v2/" + repo + "/manifests/"
                + digest + "\"" + (tag == null ? "" : ",\"tag\":\"" + tag + "\"") + "},"
                + "\"request\":{\"id\":\"r1\",\"addr\":\"127.0.0.1:40000\",\"host\":\"registry.local:5000\","
                + "\"method\":\"PUT\",\"useragent\":\"skopeo\"},\"source\":{\"addr\":\"reg:5000\"}}";
    }

    static final String OCI = "application/vnd.oci.image.manifest.v1+json";

    @Test
    void manifestPushesAreKeptEverythingElseIsNot() {
        var pushes = RegistryEvents.pushes(
                envelope(
                        event("push", "application/vnd.oci.image.layer.v1.tar+gzip", "team/app", D, null),
                        event("push", OCI, "team/app", D, "1.0"),
                        event("pull", OCI, "team/app", D, "1.0"),
                        event("delete", OCI, "team/app", D, null),
                        event("push", OCI, "team/app", D, "sha256-" + "b".repeat(64) + ".sig"),
                        event("push", "application/vnd.docker.distribution.manifest.list.v2+json", "lib/x", D, null)),
                null);
        assertThat(pushes)
                .containsExactly(
                        new RegistryEvents.Push("127.0.0.1:5000", "team/app", D, "1.0"),
                        new RegistryEvents.Push("127.0.0.1:5000", "lib/x", D, null));
        assertThat(pushes.get(0).reference()).isEqualTo("127.0.0.1:5000/team/app@" + D);
        assertThat(RegistryEvents.pushes(envelope(event("push", OCI, "team/app", D, "1")), "registry:5000")
                        .get(0)
                        .reference())
                .isEqualTo("registry:5000/team/app@" + D);
    }

    @Test
    void hostileEnvelopesAreRefusedNamingTheEvent() {
        assertThatThrownBy(() -> RegistryEvents.pushes(envelope(event("push", OCI, "../etc", D, "1")), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("notification body: events[0]: target.repository is not a repository name");
        assertThatThrownBy(() -> RegistryEvents.pushes(
                        envelope(event("push", OCI, "a", D, "1"), event("push", OCI, "a", "sha256:zz", "1")), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("notification body: events[1]: target.digest is not a digest");
        assertThatThrownBy(() -> RegistryEvents.pushes("{\"nope\":1}".getBytes(StandardCharsets.UTF_8), null))
                .hasMessage("notification body: no events list");
        assertThatThrownBy(() -> RegistryEvents.pushes("[".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(InvalidInputException.class);
    }
}

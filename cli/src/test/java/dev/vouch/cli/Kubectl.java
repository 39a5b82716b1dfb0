package dev.vouch.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes' own client, offline: {@code kubectl patch --local --type=json} applies an admission JSONPatch to an
 * object with the JSON Patch code of Kubernetes' apimachinery, as the API server does with a mutating webhook's
 * answer, so the tests do not trust a patch applier of their own.
 */
final class Kubectl {
    private Kubectl() {}

    /** The object with the JSONPatch applied, as kubectl prints it. */
    static String patch(Path dir, String object, String jsonPatch) throws Exception {
        Path file = Files.createTempFile(dir, "object", ".json");
        Files.writeString(file, object);
        Path home = Files.createDirectories(dir.resolve("kubectl-home"));
        ProcessBuilder pb = new ProcessBuilder(
                        "kubectl",
                        "patch",
                        "--local",
                        "-f",
                        file.toString(),
                        "--type=json",
                        "-p",
                        jsonPatch,
                        "-o",
                        "json")
                .redirectErrorStream(false);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", home.resolve("none").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("kubectl patch failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

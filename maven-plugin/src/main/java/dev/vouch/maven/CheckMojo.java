package dev.vouch.maven;

import dev.vouch.api.CheckRequest;
import dev.vouch.api.CheckResult;
import dev.vouch.api.Vouch;
import dev.vouch.check.TrustReport;
import dev.vouch.error.VouchException;
import dev.vouch.image.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code vouch:check}: judges the image the build just made, as {@code vouch check} does (docs/api.md): Jib's
 * {@code target/jib-image.tar} when it exists, else {@code <image>}. The text report goes to the build log, the
 * SARIF, HTML and JSON reports to {@code target/vouch/}, and a failed verdict fails the build unless
 * {@code failOnVerdict} is false. Bound to {@code verify}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {
    /** The image to check: a registry reference, oci:DIR, docker-archive:FILE or a path (default: Jib's tarball). */
    @Parameter(property = "vouch.image")
    String image;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    /** The Dockerfile said to have built the image (audited and reconciled with the history). */
    @Parameter(property = "vouch.dockerfile")
    File dockerfile;

    /** Build arguments of that Dockerfile. */
    @Parameter
    Map<String, String> buildArgs;

    /** The Dockerfile stage built (default: the last). */
    @Parameter(property = "vouch.target")
    String target;

    /** The base image to verify against (for a Jib build: the same tarball or reference as {@code <from>}). */
    @Parameter(property = "vouch.base")
    String base;

    /** {@code baseline}, {@code strict}, a policy file, or {@code none} for evidence only. */
    @Parameter(property = "vouch.policy", defaultValue = "baseline")
    String policy;

    /** Public keys cosign signatures must verify with. */
    @Parameter
    List<File> keys;

    /** A lock file ({@code vouch lock}) the tag must still match. */
    @Parameter(property = "vouch.lock")
    File lock;

    /** The OSV database ({@code vouch db import}); default: none, and the report says so. */
    @Parameter(property = "vouch.database")
    File database;

    /** OSV records to match for this build only. */
    @Parameter
    List<File> osv;

    /** Reports written to the output directory: any of sarif, html, json, cyclonedx, text. */
    @Parameter(property = "vouch.formats", defaultValue = "sarif,html,json")
    List<String> formats;

    @Parameter(property = "vouch.outputDirectory", defaultValue = "${project.build.directory}/vouch")
    File outputDirectory;

    /** The platform of a multi-platform image (default linux/amd64). */
    @Parameter(property = "vouch.platform")
    String platform;

    /** Whether a failed verdict fails the build. */
    @Parameter(property = "vouch.failOnVerdict", defaultValue = "true")
    boolean failOnVerdict;

    /** Skips the check. */
    @Parameter(property = "vouch.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("vouch: skipped");
            return;
        }
        CheckResult result;
        try {
            result = Vouch.check(request());
            write(result);
        } catch (VouchException | IOException e) {
            throw new MojoExecutionException("vouch: " + e.getMessage(), e);
        }
        for (String line : result.text(false, false).split("\n")) {
            getLog().info(line);
        }
        TrustReport report = result.report();
        if (result.failed() && failOnVerdict) {
            List<String> failed = new ArrayList<>();
            for (TrustReport.RuleOutcome o : report.policy()) {
                if (!o.passed() && o.severity().equals("deny")) {
                    failed.add(o.id());
                }
            }
            throw new MojoFailureException("vouch: verdict " + report.verdict()
                    + (failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")") + "; see "
                    + outputDirectory);
        }
    }

    private CheckRequest request() throws IOException, MojoExecutionException {
        CheckRequest.Builder b = CheckRequest.builder(imageToCheck());
        if (policy != null && !policy.equalsIgnoreCase("none")) {
            b.policy(policy);
        }
        if (dockerfile != null) {
            b.dockerfile(dockerfile.toPath());
        }
        if (buildArgs != null) {
            b.buildArgs(buildArgs);
        }
        b.target(target).base(base).lock(lock == null ? null : lock.toPath());
        for (File k : keys == null ? List.<File>of() : keys) {
            b.key(k.toPath());
        }
        if (database != null) {
            b.vulnerabilityDatabase(database.toPath());
        }
        for (File o : osv == null ? List.<File>of() : osv) {
            b.osv(o.toPath());
        }
        if (platform != null) {
            b.platform(Platform.parse(platform));
        }
        return b.build();
    }

    /** {@code <image>}, else the tarball jib:buildTar wrote. */
    private String imageToCheck() throws MojoExecutionException {
        if (image != null && !image.isBlank()) {
            return image;
        }
        File jib = new File(buildDirectory, "jib-image.tar");
        if (jib.isFile()) {
            return jib.getPath();
        }
        throw new MojoExecutionException(
                "vouch: no image to check: set <image>, or build one with jib:buildTar (" + jib + " does not exist)");
    }

    private void write(CheckResult result) throws IOException {
        Path dir = outputDirectory.toPath();
        Files.createDirectories(dir);
        for (String f : formats == null ? List.<String>of() : formats) {
            String format = f.strip().toLowerCase(Locale.ROOT);
            String text;
            String name;
            switch (format) {
                case "sarif" -> {
                    text = result.sarif();
                    name = "report.sarif";
                }
                case "html" -> {
                    text = result.html();
                    name = "report.html";
                }
                case "json" -> {
                    text = result.json();
                    name = "report.json";
                }
                case "cyclonedx" -> {
                    text = result.cycloneDxWithVulnerabilities() + "\n";
                    name = "sbom.cdx.json";
                }
                case "text" -> {
                    text = result.text(true, false);
                    name = "report.txt";
                }
                default ->
                    throw new dev.vouch.error.InvalidInputException(
                            "<formats>: " + f + " is not one of sarif, html, json, cyclonedx, text");
            }
            // written whole or not at all: a half report must never be read as the report
            Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            getLog().info("vouch: wrote " + dir.resolve(name));
        }
    }
}

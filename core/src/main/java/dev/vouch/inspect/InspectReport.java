package dev.vouch.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Image;
import dev.vouch.image.ImageConfig;
import dev.vouch.image.Layer;
import dev.vouch.report.Finding;
import dev.vouch.secret.SecretLike;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of {@code vouch inspect}: what an image says about itself (manifest, config, history), read and
 * verified but without walking its layers. Its JSON form is schema version 1, documented in
 * {@code docs/report-schema.md}; field names are stable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectReport(
        int schemaVersion,
        String kind,
        ReferenceInfo reference,
        ImageInfo image,
        Map<String, String> labels,
        Map<String, String> annotations,
        RunInfo config,
        List<LayerInfo> layers,
        List<HistoryAlignment.Step> history,
        List<Finding> findings) {
    public static final int SCHEMA_VERSION = 1;

    /** Identity and provenance fields of the image. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageInfo(
            String digest,
            String mediaType,
            boolean manifestSynthesized,
            String configDigest,
            String configMediaType,
            String indexDigest,
            String indexMediaType,
            String platform,
            String created,
            String author) {}

    /** How a container of the image runs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunInfo(
            List<String> entrypoint,
            List<String> cmd,
            String user,
            String workingDir,
            List<EnvVar> env,
            List<String> exposedPorts,
            List<String> volumes,
            ImageConfig.Healthcheck healthcheck,
            String stopSignal,
            List<String> onBuild,
            List<String> shell) {}

    /** One environment variable; a value that looks like a secret is masked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvVar(String name, String value, boolean masked) {}

    /** One layer as the manifest and config describe it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LayerInfo(
            int index, String digest, String diffId, String mediaType, long size, boolean foreign, boolean available) {}

    public static InspectReport of(String given, Image image) {
        ImageConfig c = image.config();
        ImageConfig.RunConfig r = c.config();
        Descriptor idx = image.index();
        ImageInfo info = new ImageInfo(
                image.digest().toString(),
                image.manifestDescriptor().mediaType(),
                image.manifestSynthesized(),
                image.manifest().config().digest().toString(),
                image.manifest().config().mediaType(),
                idx == null ? null : idx.digest().toString(),
                idx == null ? null : idx.mediaType(),
                c.platform().toString(),
                c.created(),
                c.author());
        List<EnvVar> env = new ArrayList<>();
        for (String kv : r.env()) {
            int eq = kv.indexOf('=');
            String name = eq < 0 ? kv : kv.substring(0, eq);
            String value = eq < 0 ? "" : kv.substring(eq + 1);
            boolean secret = SecretLike.envLooksSecret(name, value);
            env.add(new EnvVar(name, secret ? SecretLike.mask(value) : value, secret));
        }
        RunInfo run = new RunInfo(
                r.entrypoint(),
                r.cmd(),
                r.user(),
                r.workingDir(),
                env,
                List.copyOf(new TreeMap<>(r.exposedPorts()).keySet()),
                List.copyOf(new TreeMap<>(r.volumes()).keySet()),
                r.healthcheck(),
                r.stopSignal(),
                r.onBuild(),
                r.shell());
        Map<String, String> annotations = new TreeMap<>(image.manifest().annotations());
        List<LayerInfo> layers = new ArrayList<>();
        for (Layer l : image.layers()) {
            Descriptor d = l.descriptor();
            layers.add(new LayerInfo(
                    l.index(),
                    d.digest().toString(),
                    l.diffId().toString(),
                    d.mediaType(),
                    d.size(),
                    l.foreign(),
                    l.available()));
        }
        HistoryAlignment.Result history = HistoryAlignment.align(image);
        return new InspectReport(
                SCHEMA_VERSION,
                "inspect",
                ReferenceInfo.of(given, image),
                info,
                new TreeMap<>(SecretLike.maskValues(r.labels())),
                annotations,
                run,
                layers,
                history.steps(),
                history.findings());
    }
}

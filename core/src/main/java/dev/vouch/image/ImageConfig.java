package dev.vouch.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vouch.error.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * An image configuration as in the <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI
 * image config spec</a> (Docker's is the same document with a few more fields, such as {@code Healthcheck}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageConfig(
        String created,
        String author,
        String architecture,
        String os,
        @JsonProperty("os.version") String osVersion,
        String variant,
        RunConfig config,
        RootFs rootfs,
        List<History> history) {

    public ImageConfig {
        if (rootfs == null) {
            throw new InvalidInputException("field rootfs is missing");
        }
        config = config == null ? RunConfig.EMPTY : config;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The platform this config declares. */
    public Platform platform() {
        return new Platform(os, architecture, variant, osVersion, null);
    }

    /** The {@code config} object: how a container of this image runs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RunConfig(
            @JsonProperty("User") String user,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("Healthcheck") Healthcheck healthcheck,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("Shell") List<String> shell) {
        static final RunConfig EMPTY =
                new RunConfig(null, null, null, null, null, null, null, null, null, null, null, null);

        public RunConfig {
            exposedPorts = exposedPorts == null ? Map.of() : exposedPorts;
            env = env == null ? List.of() : List.copyOf(env);
            entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
            cmd = cmd == null ? List.of() : List.copyOf(cmd);
            volumes = volumes == null ? Map.of() : volumes;
            labels = labels == null ? Map.of() : labels;
            onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
            shell = shell == null ? List.of() : List.copyOf(shell);
        }
    }

    /** Docker's {@code Healthcheck}; durations are in nanoseconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Healthcheck(
            @JsonProperty("Test") List<String> test,
            @JsonProperty("Interval") Long interval,
            @JsonProperty("Timeout") Long timeout,
            @JsonProperty("StartPeriod") Long startPeriod,
            @JsonProperty("Retries") Integer retries) {}

    /** The {@code rootfs} object: the uncompressed digests (diff_ids) of the layers, in order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(
            String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
        public RootFs {
            if (!"layers".equals(type)) {
                throw new InvalidInputException(
                        "field rootfs.type must be \"layers\", not \"" + Digest.printable(String.valueOf(type)) + "\"");
            }
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /** One {@code history} entry; {@code empty_layer} entries made no layer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record History(
            String created,
            @JsonProperty("created_by") String createdBy,
            String author,
            String comment,
            @JsonProperty("empty_layer") boolean emptyLayer) {}
}

package dev.vouch.runtime;

import java.util.List;
import java.util.Set;

/**
 * How a workload will run, whatever described it: a Kubernetes pod spec, a compose service, or a Docker container the
 * engine reports. The runtime rules ({@link RuntimeRules}) read only this.
 *
 * @param where names the workload in messages ({@code deploy.yaml: Deployment web}, {@code container web (3f2a…)})
 * @param hostNamespaces the host namespaces the workload shares
 * @param hostVolumes the host paths it can mount, by volume name (Docker: each bind mount is its own volume)
 */
public record RuntimeSpec(
        String where,
        Dialect dialect,
        Set<Namespace> hostNamespaces,
        List<HostVolume> hostVolumes,
        List<ContainerSpec> containers) {
    public RuntimeSpec {
        hostNamespaces = Set.copyOf(hostNamespaces);
        hostVolumes = List.copyOf(hostVolumes);
        containers = List.copyOf(containers);
    }

    /** A host path the workload may mount. */
    public record HostVolume(String name, String path) {}

    /** A mount of a host volume into a container. */
    public record Mount(String volume, String target, boolean readOnly, String propagation) {}

    /** A port published on the host. */
    public record Port(String hostIp, int hostPort, int containerPort) {}

    /**
     * One container's settings. Unknown or not applicable settings are null.
     *
     * @param where names the container ({@code deploy.yaml: Deployment web container app})
     * @param noNewPrivileges whether privilege escalation is blocked
     * @param uid the user id it runs as, when known
     * @param nonRootAsserted whether the runtime refuses to start it as root ({@code runAsNonRoot})
     * @param pidsLimited whether the number of processes is limited; null where the input cannot say
     * @param restartPolicy the restart policy and its retry count ({@code on-failure:5}), or null
     * @param health the health status the engine reports, {@code none} when there is no health check, or null
     */
    public record ContainerSpec(
            String where,
            String image,
            boolean ephemeral,
            boolean privileged,
            boolean noNewPrivileges,
            List<String> capAdd,
            boolean readOnlyRootfs,
            Long uid,
            boolean nonRootAsserted,
            boolean memoryLimited,
            boolean cpuLimited,
            Boolean pidsLimited,
            List<Mount> mounts,
            boolean seccompUnconfined,
            boolean apparmorUnconfined,
            List<Port> ports,
            List<String> devices,
            String restartPolicy,
            String health) {
        public ContainerSpec {
            capAdd = List.copyOf(capAdd);
            mounts = List.copyOf(mounts);
            ports = List.copyOf(ports);
            devices = List.copyOf(devices);
        }
    }
}

package dev.vouch.server;

import dev.vouch.server.admission.FailurePolicy;
import dev.vouch.server.admission.PolicyMap;
import dev.vouch.server.http.Routes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code vouch serve} runs (see docs/serve.md).
 *
 * @param https the admission listener (null: none); needs {@code tlsCert} and {@code tlsKey}
 * @param http a plain-HTTP listener for the registry's notifications, the API and metrics (null: none)
 * @param store {@code postgresql://…} or an SQLite file
 * @param vulnDb the advisory database checks match against and the rematch watches (null: none)
 * @param policy the policy of stored verdicts (those of pushes); null for none
 * @param owner this replica's name in the queue (a job's lease holder)
 * @param shutdownGrace how long running checks may take to finish when the server stops, before they are given back
 * @param layerTtl how long a stored layer's results are kept after their last use (docs/scale.md)
 */
public record ServerSettings(
        InetSocketAddress https,
        Path tlsCert,
        Path tlsKey,
        Duration tlsReload,
        InetSocketAddress http,
        String store,
        Path vulnDb,
        String policy,
        PolicyMap admissionPolicies,
        FailurePolicy failure,
        Duration admissionTimeout,
        Duration cacheTtl,
        Duration tagTtl,
        int workers,
        int checkThreads,
        Duration lease,
        Duration poll,
        Duration rematchPoll,
        int maxAttempts,
        String owner,
        Routes.Secrets secrets,
        String registryName,
        URI verdictWebhook,
        Duration shutdownGrace,
        Duration layerTtl) {}

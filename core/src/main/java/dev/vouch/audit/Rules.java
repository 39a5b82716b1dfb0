package dev.vouch.audit;

import java.util.List;

/** Every Dockerfile rule, in id order. */
public final class Rules {
    private Rules() {}

    public static List<AuditRule> all() {
        return List.of(
                new UnpinnedBaseImage(),
                new LatestBaseImage(),
                new LookAlikeBaseImage(),
                new UnverifiedDownload(),
                new PlainHttpDownload(),
                new PipeToInterpreter(),
                new TlsVerificationDisabled(),
                new PackageSignatureChecksDisabled(),
                new KeyImportUnpinned(),
                new HttpRepository(),
                new RunsAsRoot(),
                new PasswordlessSudo(),
                new SecretInConfig(),
                new ProxyInEnv(),
                new WorldWritablePermissions(),
                new SetuidBits(),
                new EntrypointScript(),
                new LowUid(),
                new BuildToolsLeftIn(),
                new NonDefaultPackageIndex());
    }
}

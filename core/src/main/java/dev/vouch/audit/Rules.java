package dev.vouch.audit;

import dev.vouch.report.Severity;
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
                new NonDefaultPackageIndex(),
                new BestPractice(
                        "DF101",
                        Severity.INFO,
                        "cd in RUN instead of WORKDIR",
                        "DL3003",
                        "cd in RUN: use WORKDIR to change directory",
                        (p, a) -> p.equals("cd")),
                new BestPractice(
                        "DF102",
                        Severity.LOW,
                        "sudo in RUN",
                        "DL3004",
                        "sudo in RUN: the build already runs as root, and sudo in the image invites privilege escalation",
                        (p, a) -> p.equals("sudo")),
                new InstructionRules.RelativeWorkdir(),
                new InstructionRules.AddForLocalFiles(),
                new InstructionRules.ShellFormCommand(),
                new BestPractice(
                        "DF106",
                        Severity.INFO,
                        "apt instead of apt-get",
                        "DL3027",
                        "apt is for people (its interface changes); use apt-get or apt-cache in scripts",
                        (p, a) -> p.equals("apt")),
                new InstructionRules.Maintainer(),
                new InstructionRules.Repeated("DF108", "cmd", "DL4003"),
                new InstructionRules.Repeated("DF109", "entrypoint", "DL4004"),
                new BestPractice(
                        "DF110",
                        Severity.LOW,
                        "apt-get install without -y",
                        "DL3014",
                        "apt-get install without -y waits for an answer a build cannot give",
                        (p, a) -> BestPractice.aptGetInstall(p, a) && !BestPractice.aptAssumesYes(a)),
                new BestPractice(
                        "DF111",
                        Severity.INFO,
                        "apt-get install without --no-install-recommends",
                        "DL3015",
                        "apt-get install without --no-install-recommends adds packages nobody asked for",
                        (p, a) -> BestPractice.aptGetInstall(p, a)
                                && !a.contains("--no-install-recommends")
                                && a.stream().noneMatch(x -> x.startsWith("APT::Install-Recommends=false"))),
                new InstructionRules.DuplicateStageName(),
                new InstructionRules.UnknownCopySource(),
                new InstructionRules.InvalidPort(),
                new PackageHygiene.Pipefail(),
                new PackageHygiene.ApkUnpinned(),
                new PackageHygiene.AptUnpinned(),
                new PackageHygiene.ApkCache(),
                new PackageHygiene.PipCache(),
                new PackageHygiene.AptListsLeft(),
                new LanguagePackagesUnpinned.Pip(),
                new LanguagePackagesUnpinned.Npm(),
                new LanguagePackagesUnpinned.Gem(),
                new LanguagePackagesUnpinned.Go(),
                new RpmPackageManagers.AssumeYes(),
                new RpmPackageManagers.CacheLeft(),
                new RpmPackageManagers.Unpinned());
    }
}

package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.Redirect;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.List;
import java.util.Locale;

/**
 * DF008: a package manager is told to install packages whose signatures it cannot or does not check, so a
 * mirror or anyone on the path can substitute them.
 */
final class PackageSignatureChecksDisabled implements AuditRule {
    private static final java.util.regex.Pattern TRUSTED =
            java.util.regex.Pattern.compile("(?s).*\\[[^]]*trusted=yes[^]]*](?!file:).*");
    private static final java.util.regex.Pattern GPGCHECK_OFF =
            java.util.regex.Pattern.compile("(?s).*\\bgpgcheck=(0|false|no)\\b.*");

    public String id() {
        return "DF008";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Package signature checks disabled";
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                String why = why(c);
                if (why != null) {
                    ctx.report(run, why);
                }
            }
        });
    }

    private static String why(SimpleCommand c) {
        String p = Commands.program(c);
        List<String> argv = Commands.argv(c);
        List<String> args = Commands.args(c);
        String joined = String.join(" ", args).toLowerCase(Locale.ROOT);
        switch (p) {
            case "apt-get", "apt", "aptitude" -> {
                if (args.contains("--allow-unauthenticated")
                        || joined.contains("allowunauthenticated=true")
                        || joined.contains("allowunauthenticated \"true\"")) {
                    return p + " --allow-unauthenticated installs packages without checking their signatures";
                }
                if (args.contains("--allow-insecure-repositories")
                        || joined.contains("allowinsecurerepositories=true")
                        || joined.contains("allowinsecurerepositories=1")) {
                    return p + " --allow-insecure-repositories accepts repositories that are not signed";
                }
                if (args.contains("--force-yes")) {
                    return p + " --force-yes also installs unauthenticated packages";
                }
            }
            case "apk" -> {
                // packages built earlier in the build (local .apk files) have no signature to check
                boolean onlyLocalFiles = args.stream()
                        .filter(a -> !a.startsWith("-") && !a.equals("add"))
                        .allMatch(a -> (a.contains("/") || a.endsWith(".apk")) && !a.contains("://"));
                if (args.contains("--allow-untrusted") && !onlyLocalFiles) {
                    return "apk --allow-untrusted installs packages without checking their signatures";
                }
            }
            case "yum", "dnf", "microdnf", "tdnf" -> {
                if (args.contains("--nogpgcheck")
                        || joined.contains("gpgcheck=0")
                        || joined.contains("gpgcheck=false")) {
                    return p + " --nogpgcheck installs packages without checking their signatures";
                }
            }
            case "rpm" -> {
                if (args.contains("--nosignature") || args.contains("--nodigest")) {
                    return "rpm --nosignature/--nodigest installs packages without checking them";
                }
            }
            case "zypper" -> {
                if (args.contains("--no-gpg-checks") || args.contains("--gpg-auto-import-keys")) {
                    return "zypper " + (args.contains("--no-gpg-checks") ? "--no-gpg-checks" : "--gpg-auto-import-keys")
                            + " does not verify package signatures against a trusted key";
                }
            }
            default -> {}
        }
        // repository definitions written by echo/printf/cat/tee
        if (p.equals("echo") || p.equals("printf") || p.equals("cat") || p.equals("tee") || p.equals("sed")) {
            StringBuilder text = new StringBuilder(joined);
            for (Redirect r : c.redirects()) {
                if (r.heredoc() != null) {
                    text.append('\n').append(r.heredoc().toLowerCase(Locale.ROOT));
                }
            }
            String t = text.toString().replace(" ", "");
            // a file: repository holds packages built in this build, which nobody signed
            if (t.contains("trusted=yes") && TRUSTED.matcher(t).matches()) {
                return "an apt source marked [trusted=yes] is used without checking its signature";
            }
            if (t.contains("gpgcheck=") && (GPGCHECK_OFF.matcher(t).matches() || t.contains("repo_gpgcheck=0"))) {
                return "a repository defined with gpgcheck=0 is used without checking signatures";
            }
        }
        for (Word w : c.words()) {
            String v = w.value().toLowerCase(Locale.ROOT).replace(" ", "");
            if (v.contains("trusted=yes") && TRUSTED.matcher(v).matches()) {
                return "an apt source marked [trusted=yes] is used without checking its signature";
            }
        }
        return null;
    }
}

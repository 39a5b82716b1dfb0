package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.List;
import java.util.Locale;

/** DF007: a tool is told not to verify TLS certificates, so any machine on the path can serve the download. */
final class TlsVerificationDisabled implements AuditRule {
    public String id() {
        return "DF007";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "TLS certificate verification disabled";
    }

    public void check(AuditContext ctx) {
        List<Instruction> all = ctx.model().dockerfile().instructions();
        for (Instruction in : all) {
            if (in.command().equals("env") || in.command().equals("arg")) {
                List<String> a = in.args();
                for (int k = 0; k < a.size(); k++) {
                    String kv =
                            in.command().equals("env") && k + 1 < a.size() ? a.get(k) + "=" + a.get(k + 1) : a.get(k);
                    String why = insecureVariable(kv);
                    if (why != null) {
                        ctx.report(in, why);
                    }
                    if (in.command().equals("env")) {
                        k += 2;
                    }
                }
            }
        }
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                for (Word w : c.assignments()) {
                    String why = insecureVariable(w.value());
                    if (why != null) {
                        ctx.report(run, why);
                    }
                }
                String why = insecureCommand(c);
                if (why != null) {
                    ctx.report(run, why);
                }
            }
        });
    }

    private static String insecureVariable(String kv) {
        int eq = kv.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String k = kv.substring(0, eq);
        String v = kv.substring(eq + 1).replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (k.equals("GIT_SSL_NO_VERIFY") && !v.isEmpty() && !v.equals("0") && !v.equals("false")) {
            return "GIT_SSL_NO_VERIFY turns off certificate checks for git";
        }
        if (k.equals("NODE_TLS_REJECT_UNAUTHORIZED") && v.equals("0")) {
            return "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for Node.js";
        }
        if (k.equals("PYTHONHTTPSVERIFY") && v.equals("0")) {
            return "PYTHONHTTPSVERIFY=0 turns off certificate checks for Python";
        }
        if ((k.equals("CURL_CA_BUNDLE") || k.equals("REQUESTS_CA_BUNDLE")) && v.isEmpty()) {
            return k + " set empty turns off certificate checks";
        }
        return null;
    }

    private static String insecureCommand(SimpleCommand c) {
        String p = Commands.program(c);
        List<String> argv = Commands.argv(c);
        List<String> args = Commands.args(c);
        String joined = String.join(" ", args).toLowerCase(Locale.ROOT);
        switch (p) {
            case "curl" -> {
                if (Commands.hasFlag(args, "--insecure", 'k')) {
                    return "curl -k/--insecure accepts any certificate";
                }
            }
            case "wget" -> {
                if (args.contains("--no-check-certificate")) {
                    return "wget --no-check-certificate accepts any certificate";
                }
            }
            case "git" -> {
                if (joined.matches(".*http\\.sslverify[= ](false|0|no).*")) {
                    return "git with http.sslVerify=false accepts any certificate";
                }
            }
            case "npm", "yarn", "pnpm" -> {
                if (joined.matches(".*strict-ssl[= ]false.*") || joined.contains("--strict-ssl=false")) {
                    return p + " with strict-ssl false accepts any certificate";
                }
            }
            case "pip", "pip3" -> {
                if (args.stream().anyMatch(a -> a.startsWith("--trusted-host"))) {
                    return p + " --trusted-host accepts that host without TLS verification";
                }
            }
            default -> {
                if (p.matches("pip[0-9.]*") && args.stream().anyMatch(a -> a.startsWith("--trusted-host"))) {
                    return p + " --trusted-host accepts that host without TLS verification";
                }
                if (p.matches("python[0-9.]*")
                        && args.size() >= 2
                        && args.get(0).equals("-m")
                        && args.get(1).equals("pip")
                        && args.stream().anyMatch(a -> a.startsWith("--trusted-host"))) {
                    return "pip --trusted-host accepts that host without TLS verification";
                }
            }
        }
        return null;
    }
}

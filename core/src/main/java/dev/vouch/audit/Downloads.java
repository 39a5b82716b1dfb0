package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.Redirect;
import dev.vouch.shell.Script;
import dev.vouch.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The downloads a Dockerfile makes and the checks it runs on them: what DF004, DF005, DF009 and the review queue
 * compare. A download is a URL fetched by curl, wget or ADD, a git clone, a pip install from a URL or a
 * {@code go install module@version}; every word is followed through the RUN's variables, loops and functions
 * ({@link ShellValues}), so a file named through {@code $f} or a URL chosen in a {@code case} is still seen. A
 * download is an artifact, a key (imported by gpg, apt-key or rpm, or saved into a keyring directory), a text
 * (a license or readme nobody runs) or a package source (a {@code .repo} or apt sources file).
 *
 * <p>A check is a digest compared with a value ({@code sha256sum -c} from a pipe, a here-string, a here-document or
 * a file written earlier; {@code shasum -a N}, {@code b2sum}, {@code openssl dgst}/{@code openssl sha256}; a digest
 * in a substitution or piped into a comparison), a signature verification ({@code gpg --verify}, {@code gpgv},
 * {@code cosign verify-blob}, {@code minisign -V}, {@code signify -V}, {@code sq verify}, {@code openssl dgst
 * -verify}, {@code git verify-commit}) or a package signature check ({@code rpm -K}, {@code rpmkeys --checksig},
 * {@code dpkg-sig --verify}, {@code debsig-verify}, {@code apk add} of a local package without
 * {@code --allow-untrusted}, {@code localpkg_gpgcheck=1}). Some sources pin themselves: {@code ADD --checksum}, a URL
 * naming a full commit hash, a {@code git checkout} of one, pip's hashes, Go's checksum database.
 */
final class Downloads {
    private Downloads() {}

    /** What a download is, which decides which rule judges it. */
    enum Kind {
        /** Something the build unpacks, installs or runs: DF004 wants it verified. */
        ARTIFACT,
        /** A public key: DF009 wants it pinned by fingerprint. */
        KEY,
        /** A license or readme that nothing runs: listed, never a finding. */
        TEXT,
        /**
         * Data the build script only reads (sed, grep, jq…) and never unpacks, installs, copies or runs, such as an
         * index that names the real artifact: listed, never a finding.
         */
        DATA,
        /** A package repository definition: a package-source fact for the review queue. */
        PACKAGE_SOURCE
    }

    private static final Pattern URL = Pattern.compile("(?i)(https?|ftp)://.*", Pattern.DOTALL);
    private static final Pattern GIT_URL = Pattern.compile("(?i).*\\.git(#.*)?$");
    private static final Pattern PIP = Pattern.compile("pip[0-9.]*");
    private static final Pattern PIP_URL = Pattern.compile("(?i)(git\\+)?(https?|ftp)://.*", Pattern.DOTALL);
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    private static final Pattern COMMIT_IN_URL = Pattern.compile("(?<![0-9A-Za-z])[0-9a-f]{40}(?![0-9A-Za-z])");
    private static final Pattern COMMIT_VARIABLE = Pattern.compile("\\$\\{?[A-Z_]*(COMMIT|SHA|REV)[A-Z_]*}?");
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TEXT_NAME = Pattern.compile(
            "(?i)(licen[cs]e|copying|notice|readme|changelog|changes|authors|third[-_]party[-_]notices?)([-_.][a-z0-9._-]*)?");
    private static final Pattern SUMS_FILE = Pattern.compile("(?i)([^\\s$]*/)?[^\\s$/]*sums?[^\\s$/]*");
    private static final Pattern SOURCE_NAME = Pattern.compile("(?i).*\\.(repo|list|sources)");
    private static final List<String> SOURCE_DIRS =
            List.of("/etc/yum.repos.d/", "/etc/apt/sources.list.d/", "/etc/zypp/repos.d/", "/etc/apk/repositories");
    private static final List<String> KEYRING_DIRS = List.of(
            "/usr/share/keyrings/",
            "/etc/apt/keyrings/",
            "/etc/apt/trusted.gpg.d/",
            "/etc/pki/rpm-gpg/",
            "/etc/apk/keys/",
            "/usr/share/pacman/keyrings/");

    private static final Set<String> SUMS = Set.of(
            "sha256sum",
            "sha512sum",
            "sha384sum",
            "sha224sum",
            "sha1sum",
            "md5sum",
            "shasum",
            "b2sum",
            "b3sum",
            "cksum");
    private static final Set<String> PRODUCERS =
            Set.of("echo", "printf", "cat", "grep", "egrep", "awk", "sed", "tr", "head", "tail", "cut", "sort");
    /** Commands that take a key (gpg, apt-key, rpm): a download piped into one is a key, DF009's. */
    static final Set<String> KEY_CONSUMERS = Set.of("gpg", "gpg2", "apt-key", "rpm", "rpmkeys");
    /** Commands that only read a file's text; a download only these touch is data, not an artifact. */
    private static final Set<String> READERS =
            Set.of("sed", "grep", "egrep", "fgrep", "awk", "gawk", "cat", "jq", "yq", "head", "tail", "cut", "wc");

    private static final Set<String> HARMLESS = Set.of("rm", "test", "[", "[[", "echo", "printf");
    private static final Set<String> RPM_INSTALLERS = Set.of("dnf", "yum", "microdnf", "tdnf", "dnf5");
    /** curl options whose next word is their value, not a URL. */
    private static final Set<String> CURL_VALUE_OPTIONS = Set.of(
            "-o",
            "--output",
            "-H",
            "--header",
            "-u",
            "--user",
            "-d",
            "--data",
            "--data-binary",
            "-A",
            "--user-agent",
            "-e",
            "--referer",
            "-x",
            "--proxy",
            "-w",
            "--write-out",
            "-T",
            "--upload-file",
            "-K",
            "--config",
            "--cacert",
            "--cert",
            "--key",
            "--output-dir",
            "-b",
            "--cookie",
            "-c",
            "--cookie-jar",
            "--retry",
            "-m",
            "--max-time",
            "--connect-timeout",
            "--retry-delay",
            "--retry-max-time",
            "-r",
            "--range",
            "-X",
            "--request",
            "-z",
            "--time-cond",
            "-F",
            "--form");
    /** wget options whose next word is their value, not a URL. */
    private static final Set<String> WGET_VALUE_OPTIONS = Set.of(
            "-O",
            "--output-document",
            "-P",
            "--directory-prefix",
            "-e",
            "--execute",
            "-t",
            "--tries",
            "-T",
            "--timeout",
            "-U",
            "--user-agent",
            "--header",
            "-o",
            "--output-file",
            "-a",
            "--append-output",
            "--progress",
            "-w",
            "--wait",
            "--user",
            "--password",
            "--ca-certificate",
            "-i",
            "--input-file");

    /**
     * A download.
     *
     * @param index the instruction's index
     * @param at the instruction
     * @param pipeline the pipeline it runs in (null for ADD)
     * @param tool curl, wget, ADD, git, pip, go
     * @param url what is fetched, as far as it is known (unknown parts as {@code *})
     * @param file the name it is saved as, for people, or null (to stdout, or unknown)
     * @param names every name it may be saved as (unknown parts as {@link ShellValues#UNKNOWN}); empty for stdout
     * @param pinnedBy how it pins itself (ADD --checksum, a commit hash, pip's hashes…), or null
     * @param runBy the interpreter it is piped into as it arrives (DF006's case), or null
     * @param kind what it is
     */
    record Download(
            int index,
            Instruction at,
            Pipeline pipeline,
            String tool,
            String url,
            String file,
            Set<String> names,
            String pinnedBy,
            String runBy,
            Kind kind) {
        boolean pinned() {
            return pinnedBy != null;
        }
    }

    /**
     * A check.
     *
     * @param index the instruction's index
     * @param pipeline the pipeline it runs in (the outermost one, for checks inside substitutions)
     * @param kind checksum, signature or package signature
     * @param method the algorithm or tool (sha256, md5, gpg, cosign, rpm…)
     * @param weak whether the algorithm no longer resists collisions (md5, sha1, crc)
     * @param mentions what it names: its words, what is piped or redirected into it, files written before it
     */
    record Check(int index, Pipeline pipeline, String kind, String method, boolean weak, List<String> mentions) {
        /** The check for people: {@code checksum sha256}, {@code checksum md5, weak}, {@code signature gpg}. */
        String describe() {
            return kind + " " + method + (weak ? ", a weak hash" : "");
        }
    }

    // ---- downloads ---------------------------------------------------------------------------------------------

    static List<Download> in(AuditContext ctx, Stage stage) {
        return ctx.memo("downloads " + stage.index(), () -> List.copyOf(find(ctx, stage)));
    }

    private static List<Download> find(AuditContext ctx, Stage stage) {
        List<Download> out = new ArrayList<>();
        for (Stage.Indexed si : stage.instructions()) {
            Instruction in = si.instruction();
            int index = si.index();
            if (in.command().equals("add")) {
                String checksum = in.flags().stream()
                        .filter(f -> f.startsWith("--checksum="))
                        .findFirst()
                        .map(f -> "ADD --checksum")
                        .orElse(null);
                List<String> args = in.args();
                for (int k = 0; k < args.size() - 1; k++) {
                    String url = ctx.model().expandAt(index, args.get(k));
                    if (URL.matcher(url).matches() && !GIT_URL.matcher(url).matches()) {
                        String dest = ctx.model().expandAt(index, args.get(args.size() - 1));
                        String name = dest.endsWith("/") ? dest + baseName(url) : dest;
                        String pinned = checksum != null ? checksum : commitPinned(Set.of(url));
                        out.add(new Download(
                                index, in, null, "ADD", url, name, Set.of(name), pinned, null, Kind.ARTIFACT));
                    }
                }
            }
            if (PowerShellDownloads.applies(ctx, index)) {
                out.addAll(PowerShellDownloads.downloads(ctx, index));
                continue;
            }
            Script script = ctx.script(index);
            if (script == null) {
                continue;
            }
            ShellValues values = ctx.values(index);
            for (Pipeline p : script.pipelines()) {
                for (int c = 0; c < p.commands().size(); c++) {
                    SimpleCommand cmd = p.commands().get(c);
                    String prog = Commands.program(cmd);
                    List<String> args = Commands.args(cmd);
                    if (prog.equals("curl") || prog.equals("wget")) {
                        Download d = fetch(ctx, index, in, p, c, cmd, prog, args, values);
                        if (d != null) {
                            out.add(d);
                        }
                    } else if (prog.equals("git") && args.contains("clone")) {
                        Set<String> urls = urls(args, p, values, Set.of());
                        if (!urls.isEmpty()) {
                            out.add(new Download(
                                    index,
                                    in,
                                    p,
                                    "git",
                                    shownFirst(urls),
                                    null,
                                    Set.of(),
                                    gitPinned(script, values),
                                    null,
                                    Kind.ARTIFACT));
                        }
                    } else if (PIP.matcher(prog).matches() && args.contains("install")) {
                        for (String a : args) {
                            String v = ctx.model().expandAt(index, a);
                            if (PIP_URL.matcher(v).matches()) {
                                String pinned = v.contains("#sha256=")
                                        ? "#sha256= in the URL"
                                        : args.contains("--require-hashes")
                                                ? "pip --require-hashes"
                                                : commitPinned(Set.of(v));
                                out.add(new Download(
                                        index, in, p, "pip", v, null, Set.of(), pinned, null, Kind.ARTIFACT));
                            }
                        }
                    } else if (prog.equals("go")
                            && !args.isEmpty()
                            && (args.get(0).equals("install") || args.get(0).equals("get"))) {
                        for (String a : args.subList(1, args.size())) {
                            if (!a.startsWith("-") && a.contains("@") && !a.startsWith(".")) {
                                String module = shownFirst(values.expand(a, p));
                                String off = goChecksumsOff(ctx, index, cmd, values);
                                out.add(new Download(
                                        index,
                                        in,
                                        p,
                                        "go",
                                        module,
                                        null,
                                        Set.of(),
                                        off == null ? "the Go checksum database" : null,
                                        null,
                                        Kind.ARTIFACT));
                            }
                        }
                    }
                }
            }
        }
        return classify(ctx, stage, out);
    }

    private static Download fetch(
            AuditContext ctx,
            int index,
            Instruction in,
            Pipeline p,
            int c,
            SimpleCommand cmd,
            String prog,
            List<String> args,
            ShellValues values) {
        Set<String> options = prog.equals("curl") ? CURL_VALUE_OPTIONS : WGET_VALUE_OPTIONS;
        Set<String> urls = urls(args, p, values, options);
        String saved = savedAs(prog, args, cmd);
        if (urls.isEmpty()) {
            // a URL held in a variable nobody can read: still a download when it is saved to a file
            String unknown = null;
            for (int i = 0; i < args.size() && unknown == null; i++) {
                String a = args.get(i);
                if (options.contains(a)
                        || Commands.CURL_O.matcher(a).matches() && prog.equals("curl")
                        || Commands.WGET_O.matcher(a).matches() && prog.equals("wget")) {
                    i++;
                } else if (a.startsWith("$") && !a.startsWith("$(")) {
                    unknown = a;
                }
            }
            if (unknown == null || saved == null) {
                return null;
            }
            urls = Set.of(ShellValues.shown(unknown));
        }
        String runBy = null;
        Kind kind = Kind.ARTIFACT;
        Set<String> names = new LinkedHashSet<>();
        if (saved == null) {
            List<String> after =
                    p.commands().stream().skip(c + 1).map(Commands::program).toList();
            if (after.stream().anyMatch(KEY_CONSUMERS::contains)) {
                kind = Kind.KEY;
            }
            runBy = after.stream().filter(Commands::interpreter).findFirst().orElse(null);
        } else if (saved.equals("-remote-name")) {
            String dir = optionValue(args, "--output-dir", "-P", "--directory-prefix");
            String prefix = dir == null
                    ? ""
                    : stripSlash(values.expand(dir, p).iterator().next()) + "/";
            for (String u : urls) {
                names.add(prefix + baseName(u));
            }
            // the URL as written, for checks that name the file through the same variable ($PACKAGE)
            Set<String> found = urls;
            args.stream()
                    .filter(a -> a.contains("$")
                            && urls(List.of(a), p, values, Set.of()).equals(found))
                    .findFirst()
                    .map(Downloads::baseName)
                    .filter(b -> b.startsWith("$"))
                    .ifPresent(names::add);
        } else {
            names.addAll(values.expand(saved, p));
            if (saved.startsWith("$") || saved.contains("/$")) {
                names.add(saved);
            }
        }
        String url = shownFirst(urls);
        String file =
                names.isEmpty() ? null : ShellValues.shown(names.iterator().next());
        return new Download(index, in, p, prog, url, file, names, commitPinned(urls), runBy, kind);
    }

    /** The URLs a command's words may hold (for curl and wget, not the values of options such as -o or -H). */
    private static Set<String> urls(List<String> args, Pipeline p, ShellValues values, Set<String> valueOptions) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (valueOptions.contains(a)) {
                i++;
                continue;
            }
            for (String v : values.expand(a, p)) {
                if (URL.matcher(v).matches()) {
                    out.add(v);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return out;
    }

    /**
     * Where curl or wget saves: a file name as written, "-remote-name" for the URL's own name, or null for
     * standard output (a redirection {@code > file} counts as a file).
     */
    private static String savedAs(String prog, List<String> args, SimpleCommand cmd) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean curlOut = prog.equals("curl")
                    && (a.equals("-o")
                            || a.equals("--output")
                            || Commands.CURL_O.matcher(a).matches());
            boolean wgetOut = prog.equals("wget")
                    && (a.equals("-O")
                            || a.equals("--output-document")
                            || Commands.WGET_O.matcher(a).matches());
            if ((curlOut || wgetOut) && i + 1 < args.size()) {
                return args.get(i + 1).equals("-") ? redirected(cmd) : args.get(i + 1);
            }
            if (a.startsWith("--output=") || a.startsWith("--output-document=")) {
                String v = a.substring(a.indexOf('=') + 1);
                return v.equals("-") ? redirected(cmd) : v;
            }
            if (prog.equals("wget") && (a.startsWith("-O") && a.length() > 2 && !a.equals("-O-"))) {
                return a.substring(2);
            }
        }
        if (prog.equals("wget")) {
            return Commands.downloadsToStdout(cmd) ? redirected(cmd) : "-remote-name";
        }
        if (Commands.hasFlag(args, "--remote-name", 'O') || Commands.hasFlag(args, "--remote-name-all", (char) 0)) {
            return "-remote-name";
        }
        return redirected(cmd);
    }

    private static String redirected(SimpleCommand cmd) {
        for (Redirect r : cmd.redirects()) {
            if ((r.op().equals(">") || r.op().equals(">>") || r.op().equals(">|")) && (r.fd() == -1 || r.fd() == 1)) {
                String t = r.target().value();
                return t.startsWith("/dev/") ? null : t;
            }
        }
        return null;
    }

    private static String optionValue(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            for (String n : names) {
                if (args.get(i).equals(n) && i + 1 < args.size()) {
                    return args.get(i + 1);
                }
                if (n.startsWith("--") && args.get(i).startsWith(n + "=")) {
                    return args.get(i).substring(n.length() + 1);
                }
            }
        }
        return null;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** "a full commit hash in the URL" when every URL names one in its path or query, else null. */
    static String commitPinned(Set<String> urls) {
        if (urls.isEmpty()) {
            return null;
        }
        for (String u : urls) {
            int path = u.indexOf('/', u.indexOf("://") + 3);
            if (path < 0 || !COMMIT_IN_URL.matcher(u.substring(path)).find()) {
                return null;
            }
        }
        return "a full commit hash in the URL";
    }

    /** How a git clone is pinned: a checkout, reset, fetch or clone --revision of a full commit, or a signed tag. */
    private static String gitPinned(Script script, ShellValues values) {
        for (Pipeline p : script.pipelines()) {
            for (SimpleCommand c : p.commands()) {
                if (!Commands.program(c).equals("git")) {
                    continue;
                }
                List<String> args = Commands.args(c);
                if (args.contains("verify-commit") || args.contains("verify-tag")) {
                    return "a git signature check (" + (args.contains("verify-tag") ? "verify-tag" : "verify-commit")
                            + ")";
                }
                boolean moves = args.contains("checkout")
                        || args.contains("reset")
                        || args.contains("switch")
                        || args.contains("fetch")
                        || args.contains("clone");
                if (!moves) {
                    continue;
                }
                for (String a : args) {
                    String w = a.startsWith("--revision=") ? a.substring("--revision=".length()) : a;
                    Set<String> vs = values.expand(w, p);
                    if (vs.stream().allMatch(v -> COMMIT.matcher(v).matches())
                            || COMMIT_VARIABLE.matcher(w).matches()) {
                        return "git " + (args.contains("clone") ? "clone --revision" : "checkout")
                                + " of a full commit hash";
                    }
                }
            }
        }
        return null;
    }

    /** Why Go's checksum database is not consulted (GONOSUMDB, GOSUMDB=off, GOFLAGS=-insecure…), or null. */
    private static String goChecksumsOff(AuditContext ctx, int index, SimpleCommand cmd, ShellValues values) {
        for (String name : List.of("GOSUMDB", "GONOSUMDB", "GONOSUMCHECK", "GOINSECURE", "GOFLAGS", "GOPRIVATE")) {
            Set<String> vs = new LinkedHashSet<>(values.expand("${" + name + "}"));
            cmd.assignments().stream()
                    .filter(a -> a.value().startsWith(name + "="))
                    .forEach(a -> vs.add(a.value().substring(name.length() + 1)));
            Commands.argv(cmd).stream()
                    .filter(a -> a.startsWith(name + "="))
                    .forEach(a -> vs.add(a.substring(name.length() + 1)));
            for (String v : vs) {
                if (!ShellValues.known(v) || v.isEmpty()) {
                    continue;
                }
                boolean off = switch (name) {
                    case "GOSUMDB" -> v.equals("off");
                    case "GOFLAGS" -> v.contains("-insecure");
                    default -> true;
                };
                if (off) {
                    return name + "=" + v;
                }
            }
        }
        return null;
    }

    private static String shownFirst(Set<String> values) {
        return values.isEmpty() ? "" : ShellValues.shown(values.iterator().next());
    }

    // ---- what a download is ------------------------------------------------------------------------------------

    private static List<Download> classify(AuditContext ctx, Stage stage, List<Download> found) {
        if (found.isEmpty()) {
            return found;
        }
        List<SimpleCommand> later = new ArrayList<>();
        Map<SimpleCommand, Pipeline> where = new HashMap<>();
        Map<SimpleCommand, Integer> at = new HashMap<>();
        for (Stage.Indexed si : stage.instructions()) {
            Script script = ctx.script(si.index());
            if (script == null) {
                continue;
            }
            for (Pipeline p : script.pipelines()) {
                for (SimpleCommand c : p.commands()) {
                    // the command and those of its substitutions (VERSION=$(sed … < index.yml)), in the pipeline's
                    // context
                    List<SimpleCommand> all = new ArrayList<>(List.of(c));
                    for (Script sub : c.substitutions()) {
                        all.addAll(sub.allCommands());
                    }
                    for (SimpleCommand one : all) {
                        later.add(one);
                        where.put(one, p);
                        at.put(one, si.index());
                    }
                }
            }
        }
        List<Download> out = new ArrayList<>();
        for (Download d : found) {
            Kind kind = d.kind();
            if (kind == Kind.ARTIFACT && !d.names().isEmpty()) {
                kind = kindOf(ctx, d, later, where, at);
            }
            out.add(
                    kind == d.kind()
                            ? d
                            : new Download(
                                    d.index(),
                                    d.at(),
                                    d.pipeline(),
                                    d.tool(),
                                    d.url(),
                                    d.file(),
                                    d.names(),
                                    d.pinnedBy(),
                                    d.runBy(),
                                    kind));
        }
        return out;
    }

    private static Kind kindOf(
            AuditContext ctx,
            Download d,
            List<SimpleCommand> commands,
            Map<SimpleCommand, Pipeline> where,
            Map<SimpleCommand, Integer> at) {
        for (String n : d.names()) {
            if (SOURCE_NAME.matcher(n).matches() || SOURCE_DIRS.stream().anyMatch(n::startsWith)) {
                return Kind.PACKAGE_SOURCE;
            }
            if (KEYRING_DIRS.stream().anyMatch(n::startsWith)) {
                return Kind.KEY;
            }
        }
        boolean run = false;
        boolean read = false;
        boolean otherUse = false;
        for (SimpleCommand c : commands) {
            int index = at.get(c);
            if (index < d.index()) {
                continue;
            }
            String prog = Commands.program(c);
            List<String> args = Commands.args(c);
            ShellValues values = ctx.values(index);
            Pipeline p = where.get(c);
            boolean mentions =
                    args.stream().flatMap(a -> values.expand(a, p).stream()).anyMatch(v -> names(d, v))
                            || c.redirects().stream()
                                    .filter(r -> r.op().equals("<"))
                                    .flatMap(r -> values.expand(r.target().value(), p).stream())
                                    .anyMatch(v -> names(d, v));
            if (!mentions) {
                continue;
            }
            boolean keyUse = (prog.equals("gpg") || prog.equals("gpg2"))
                            && args.stream()
                                    .anyMatch(
                                            a -> a.equals("--import") || a.equals("--dearmor") || a.equals("--enarmor"))
                    || prog.equals("apt-key") && args.contains("add")
                    || (prog.equals("rpm") || prog.equals("rpmkeys")) && args.contains("--import");
            if (keyUse) {
                return Kind.KEY;
            }
            if (Commands.interpreter(prog)
                    || prog.equals("chmod")
                    || !Commands.argv(c).isEmpty() && Commands.argv(c).get(0).startsWith("./")) {
                run = true;
            }
            if (READERS.contains(prog)) {
                read = true;
            } else if (!HARMLESS.contains(prog) && !Commands.downloader(c)) {
                otherUse = true;
            }
        }
        if (read && !otherUse && !run) {
            return Kind.DATA;
        }
        if (!run) {
            for (String n : d.names()) {
                if (TEXT_NAME.matcher(baseName(ShellValues.shown(n))).matches()
                        || TEXT_NAME.matcher(baseName(d.url())).matches()) {
                    return Kind.TEXT;
                }
            }
        }
        return Kind.ARTIFACT;
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    static List<Check> checks(AuditContext ctx, Stage stage) {
        return ctx.memo("checks " + stage.index(), () -> List.copyOf(findChecks(ctx, stage)));
    }

    private static List<Check> findChecks(AuditContext ctx, Stage stage) {
        List<Check> out = new ArrayList<>();
        for (Stage.Indexed si : stage.instructions()) {
            if (PowerShellDownloads.applies(ctx, si.index())) {
                out.addAll(PowerShellDownloads.checks(ctx, si.index()));
                continue;
            }
            Script script = ctx.script(si.index());
            if (script == null) {
                continue;
            }
            ShellValues values = ctx.values(si.index());
            Map<String, List<String>> written = new HashMap<>();
            collect(ctx, si.index(), script, null, values, written, out);
        }
        return out;
    }

    private static void collect(
            AuditContext ctx,
            int index,
            Script script,
            Pipeline outer,
            ShellValues values,
            Map<String, List<String>> written,
            List<Check> out) {
        String runText = null;
        for (Pipeline p : script.pipelines()) {
            Pipeline owner = outer == null ? p : outer;
            List<String> piped = new ArrayList<>();
            for (int c = 0; c < p.commands().size(); c++) {
                SimpleCommand cmd = p.commands().get(c);
                String prog = Commands.program(cmd);
                List<String> args = Commands.args(cmd);
                List<String> mentions = new ArrayList<>();
                for (String a : args) {
                    mentions.add(a);
                    mentions.addAll(values.expand(a, p));
                }
                List<String> stdin = new ArrayList<>(piped);
                for (Redirect r : cmd.redirects()) {
                    if (r.heredoc() != null) {
                        stdin.add(r.heredoc());
                        stdin.addAll(values.expand(r.heredoc(), p));
                    } else if (r.op().equals("<")) {
                        stdin.addAll(written.getOrDefault(r.target().value(), List.of()));
                    }
                }
                boolean last = c == p.commands().size() - 1;
                boolean compared = outer != null || !last;
                String digest = digest(prog, args);
                if (digest != null) {
                    boolean check = prog.equals("openssl")
                            ? false
                            : Commands.hasFlag(args, "--check", 'c') || args.contains("-c");
                    if (check || compared) {
                        List<String> all = new ArrayList<>(mentions);
                        all.addAll(stdin);
                        for (String a : args) {
                            all.addAll(written.getOrDefault(a, List.of()));
                        }
                        out.add(new Check(index, owner, "checksum", digest, weak(digest), all));
                    }
                }
                String signature = signature(prog, args);
                if (signature != null) {
                    out.add(new Check(index, owner, "signature", signature, false, mentions));
                }
                String packageCheck = packageSignature(prog, args);
                if (packageCheck == null && RPM_INSTALLERS.contains(prog) && args.contains("install")) {
                    if (runText == null) {
                        runText = ctx.model()
                                .dockerfile()
                                .instructions()
                                .get(index)
                                .args()
                                .toString();
                    }
                    if (runText.matches("(?s).*localpkg_gpgcheck\\s*=\\s*(1|[Tt]rue|yes).*")) {
                        packageCheck = prog + " with localpkg_gpgcheck";
                    }
                }
                if (packageCheck != null) {
                    out.add(new Check(index, owner, "package signature", packageCheck, false, mentions));
                }
                if (PRODUCERS.contains(prog)) {
                    piped.addAll(mentions);
                    piped.addAll(stdin);
                    for (String a : args) {
                        piped.addAll(written.getOrDefault(a, List.of()));
                    }
                }
                if (prog.equals("tee")) {
                    for (String a : args) {
                        if (!a.startsWith("-")) {
                            written.computeIfAbsent(a, k -> new ArrayList<>()).addAll(piped);
                        }
                    }
                }
                for (Redirect r : cmd.redirects()) {
                    if ((r.op().equals(">") || r.op().equals(">>")) && PRODUCERS.contains(prog)) {
                        List<String> content = new ArrayList<>(mentions);
                        content.addAll(stdin);
                        written.computeIfAbsent(r.target().value(), k -> new ArrayList<>())
                                .addAll(content);
                    }
                }
                for (Script sub : cmd.substitutions()) {
                    collect(ctx, index, sub, owner, values, written, out);
                }
            }
        }
    }

    /** The digest a command computes (sha256, md5…), or null when it computes none. */
    private static String digest(String prog, List<String> args) {
        if (prog.equals("openssl") && !args.isEmpty()) {
            String sub = args.get(0);
            if (sub.equals("dgst")) {
                if (args.contains("-verify") || args.contains("-prverify") || args.contains("-signature")) {
                    return null;
                }
                return args.stream()
                        .filter(a -> a.matches("-(sha[0-9-]+|md5|sha1|blake2[bs]512|sm3)"))
                        .map(a -> a.substring(1))
                        .findFirst()
                        .orElse("sha256");
            }
            return sub.matches("sha[0-9-]*|md5|sha1") ? sub : null;
        }
        if (!SUMS.contains(prog)) {
            return null;
        }
        return switch (prog) {
            case "shasum" -> {
                String a = optionValue(args, "-a", "--algorithm");
                yield a == null ? "sha1" : "sha" + a;
            }
            case "cksum" -> {
                String a = optionValue(args, "-a", "--algorithm");
                yield a == null ? "crc" : a;
            }
            default -> prog.substring(0, prog.length() - 3);
        };
    }

    private static boolean weak(String digest) {
        return digest.equals("md5") || digest.equals("sha1") || digest.equals("crc") || digest.equals("sum");
    }

    /** The signature a command verifies (gpg, cosign…), or null. */
    private static String signature(String prog, List<String> args) {
        boolean yes = switch (prog) {
            case "gpg", "gpg2" -> args.contains("--verify") || args.contains("--decrypt") || args.contains("-d");
            case "gpgv", "gpgv2", "sqv" -> true;
            case "cosign" -> args.contains("verify-blob") || args.contains("verify-blob-attestation");
            case "minisign", "signify", "signify-openbsd" ->
                Commands.hasFlag(args, null, 'V') || Commands.hasFlag(args, null, 'C');
            case "sq" -> args.contains("verify");
            case "openssl" ->
                !args.isEmpty()
                        && (args.get(0).equals("dgst") && (args.contains("-verify") || args.contains("-prverify"))
                                || (args.get(0).equals("cms") || args.get(0).equals("smime"))
                                        && args.contains("-verify"));
            case "ssh-keygen" -> args.contains("-Y") && args.contains("verify");
            case "slsa-verifier" -> args.contains("verify-artifact");
            case "gh" -> args.contains("attestation") && args.contains("verify");
            default -> false;
        };
        return yes ? prog.replaceFirst("^(gpgv2?|gpg2)$", "gpg") : null;
    }

    /** The package signature check a command makes (rpm -K, dpkg-sig, apk add of a file…), or null. */
    private static String packageSignature(String prog, List<String> args) {
        return switch (prog) {
            case "rpm", "rpmkeys" -> Commands.hasFlag(args, "--checksig", 'K') ? prog + " --checksig" : null;
            case "dpkg-sig" -> args.contains("--verify") || args.contains("-c") ? "dpkg-sig --verify" : null;
            case "debsig-verify" -> "debsig-verify";
            case "apk" ->
                (args.contains("add") || args.contains("verify")) && !args.contains("--allow-untrusted")
                        ? "apk (signed packages only)"
                        : null;
            default -> null;
        };
    }

    // ---- matching ----------------------------------------------------------------------------------------------

    /**
     * Whether a check covers a download: it runs in the same stage at or after it and names the file (any name
     * the download may be saved as, with unknown parts matching anything), or, for a download to standard output,
     * runs in the same pipeline.
     */
    static boolean verifies(Check check, Download d) {
        if (check.index() < d.index()) {
            return false;
        }
        if (d.names().isEmpty()) {
            return check.index() == d.index() && d.pipeline() != null && check.pipeline() == d.pipeline();
        }
        for (String mention : check.mentions()) {
            if (names(d, mention)) {
                return true;
            }
        }
        // a checksum file (SHA256SUMS, sha512sums.txt) lists names vouch cannot read: a -c check of one in the same
        // RUN counts
        return check.kind().equals("checksum")
                && check.index() == d.index()
                && check.mentions().stream().anyMatch(m -> SUMS_FILE.matcher(m).matches());
    }

    /** Whether a text names one of the download's files (its path or its base name). */
    static boolean names(Download d, String text) {
        for (String n : d.names()) {
            if (contains(text, n) || contains(text, baseName(n))) {
                return true;
            }
            String plain = plainVariables(n);
            if (!plain.equals(n) && text.contains(plain)) {
                return true;
            }
        }
        return false;
    }

    /** Whether text contains the name, the name's unknown parts matching any run of non-blank characters. */
    private static boolean contains(String text, String name) {
        int known = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != ShellValues.UNKNOWN) {
                known++;
            }
        }
        if (known < 3) {
            return false;
        }
        if (ShellValues.known(name)) {
            return text.contains(name);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : name.split(String.valueOf(ShellValues.UNKNOWN), -1)) {
            if (regex.length() > 0) {
                regex.append("\\S*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString()).matcher(text).find();
    }

    /** {@code ${name}} written as {@code $name}, so that both spellings of a variable compare equal. */
    static String plainVariables(String s) {
        return s.indexOf("${") < 0 ? s : BRACED.matcher(s).replaceAll("\\$$1");
    }

    static String baseName(String pathOrUrl) {
        String p = pathOrUrl.replaceFirst("[?#].*$", "");
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}

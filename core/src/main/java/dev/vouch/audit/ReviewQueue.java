package dev.vouch.audit;

import dev.vouch.dockerfile.Dockerfile;
import dev.vouch.dockerfile.Instruction;
import dev.vouch.shell.Script;
import dev.vouch.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person must still look at after the rules have run, in the order a careful reviewer reads a Dockerfile:
 * the base images, the package sources and keys added, every download with how it is verified, the scripts that
 * will run, and the security-relevant changes (users, groups, sudoers, modes, USER).
 */
public record ReviewQueue(
        List<BaseImage> baseImages,
        List<Item> packageSources,
        List<DownloadItem> downloads,
        List<Item> scripts,
        List<Item> securityChanges) {

    /** One FROM. */
    public record BaseImage(int line, String stage, String image, String tag, boolean digestPinned, String origin) {}

    /** One thing to read, at a line. */
    public record Item(int line, String what) {}

    /** One download and how it is verified: checksum, signature, pinned (by the instruction itself) or nothing. */
    public record DownloadItem(int line, String tool, String url, String transport, String verifiedBy) {}

    /**
     * How a download is verified, for people: the check and its line ("checksum sha256 (line 12)", "checksum md5, a
     * weak hash (line 12)"), how it pins itself, or why it needs nothing (a license text, a package source, a key
     * filtered by pinned fingerprints); "nothing" otherwise.
     */
    static String verifiedBy(AuditContext ctx, Downloads.Download d, List<Downloads.Check> checks) {
        Dockerfile dockerfile = ctx.model().dockerfile();
        if (d.pinned()) {
            return "pinned: " + d.pinnedBy();
        }
        if (d.runBy() != null) {
            return "nothing: " + d.runBy() + " runs it as it arrives";
        }
        Downloads.Check weak = null;
        for (Downloads.Check c : checks) {
            if (Downloads.verifies(c, d)) {
                if (!c.weak()) {
                    return c.describe() + " (line "
                            + dockerfile.instructions().get(c.index()).startLine() + ")";
                }
                weak = weak == null ? c : weak;
            }
        }
        if (weak != null) {
            return weak.describe() + " (line "
                    + dockerfile.instructions().get(weak.index()).startLine() + ")";
        }
        return switch (d.kind()) {
            case TEXT -> "not needed: a text nothing runs";
            case DATA -> "not needed: data the build only reads (sed, grep…), never unpacks, installs or runs";
            case PACKAGE_SOURCE -> "not needed here: a package source (its packages are signature-checked or not)";
            case KEY -> {
                var script = ctx.script(d.index());
                yield script != null && KeyImportUnpinned.pinsFingerprint(script, ctx.values(d.index()))
                        ? "a key: only pinned fingerprints are used"
                        : "a key: trusted as downloaded";
            }
            default -> "nothing";
        };
    }

    /** Builds the queue of a Dockerfile that parsed, from the audit's context (scripts parsed once). */
    static ReviewQueue of(AuditContext ctx) {
        BuildModel model = ctx.model();
        Dockerfile dockerfile = model.dockerfile();
        List<BaseImage> bases = new ArrayList<>();
        List<Item> sources = new ArrayList<>();
        List<DownloadItem> downloads = new ArrayList<>();
        List<Item> scripts = new ArrayList<>();
        List<Item> changes = new ArrayList<>();
        for (Stage s : model.stages()) {
            bases.add(base(s, model));
            List<Downloads.Check> checks = Downloads.checks(ctx, s);
            for (Downloads.Download d : Downloads.in(ctx, s)) {
                String by = verifiedBy(ctx, d, checks);
                if (d.kind() == Downloads.Kind.PACKAGE_SOURCE) {
                    sources.add(new Item(d.at().startLine(), "package source downloaded from " + d.url()));
                }
                String transport = d.url().toLowerCase(Locale.ROOT).startsWith("https://")
                        ? "https"
                        : d.url().replaceFirst(":.*", "");
                downloads.add(new DownloadItem(d.at().startLine(), d.tool(), d.url(), transport, by));
            }
        }
        List<Instruction> all = dockerfile.instructions();
        for (int i = 0; i < all.size(); i++) {
            Instruction in = all.get(i);
            switch (in.command()) {
                case "user" -> changes.add(new Item(in.startLine(), "USER " + String.join(" ", in.args())));
                case "entrypoint", "cmd" ->
                    scripts.add(new Item(
                            in.startLine(),
                            in.keyword().toUpperCase(Locale.ROOT) + " "
                                    + (in.json()
                                            ? String.join(" ", in.args())
                                            : in.args().isEmpty()
                                                    ? ""
                                                    : in.args().get(0))));
                default -> {}
            }
            for (FileModes.ModeSet m : FileModes.ofCopy(in)) {
                changes.add(new Item(
                        in.startLine(),
                        in.command().toUpperCase(Locale.ROOT) + " --chmod=" + m.mode() + " " + m.target()));
            }
            Script script = ctx.script(i);
            if (script == null) {
                continue;
            }
            for (SimpleCommand c : script.allCommands()) {
                String p = Commands.program(c);
                List<String> args = Commands.args(c);
                String line = p + (args.isEmpty() ? "" : " " + String.join(" ", args));
                if (line.length() > 200) {
                    line = line.substring(0, 200) + "…";
                }
                switch (p) {
                    case "useradd",
                            "adduser",
                            "groupadd",
                            "addgroup",
                            "usermod",
                            "gpasswd",
                            "visudo",
                            "passwd",
                            "chpasswd" -> changes.add(new Item(in.startLine(), line));
                    case "chown", "chgrp", "setcap" -> changes.add(new Item(in.startLine(), line));
                    case "chmod" -> {
                        for (FileModes.ModeSet m : FileModes.ofCommand(c)) {
                            if (FileModes.setuidOrSetgid(m.mode()) || FileModes.worldWritable(m.mode())) {
                                changes.add(new Item(in.startLine(), line));
                            }
                        }
                    }
                    case "apt-key", "add-apt-repository" -> sources.add(new Item(in.startLine(), line));
                    case "gpg", "gpg2" -> {
                        if (args.stream()
                                .anyMatch(
                                        a -> a.startsWith("--recv") || a.equals("--import") || a.equals("--dearmor"))) {
                            sources.add(new Item(in.startLine(), line));
                        }
                    }
                    case "sh", "bash", "ash", "dash", "python", "python3", "perl", "ruby", "node" -> {
                        if (!args.isEmpty() && !args.get(0).startsWith("-")) {
                            scripts.add(new Item(in.startLine(), "RUN " + line));
                        }
                    }
                    default -> {
                        if (p.startsWith("./")
                                || c.name().startsWith("/tmp/")
                                || c.name().startsWith("./")) {
                            scripts.add(new Item(in.startLine(), "RUN " + line));
                        }
                    }
                }
                for (var r : c.redirects()) {
                    String target = r.target().value();
                    if (r.op().startsWith(">")
                            && (target.contains("sources.list")
                                    || target.contains("yum.repos.d")
                                    || target.contains("apk/repositories")
                                    || target.contains("keyrings"))) {
                        sources.add(new Item(in.startLine(), line + " > " + target));
                    }
                    if (r.op().startsWith(">") && target.contains("sudoers")) {
                        changes.add(new Item(in.startLine(), line + " > " + target));
                    }
                }
            }
        }
        return new ReviewQueue(bases, sources, downloads, scripts, changes);
    }

    private static BaseImage base(Stage s, BuildModel model) {
        String origin;
        if (s.baseStage() >= 0) {
            origin = "stage " + s.baseStage();
        } else if (s.scratch()) {
            origin = "scratch (empty)";
        } else {
            String repo = LookAlikeBaseImage.repository(s.image());
            origin = repo == null
                    ? "another registry"
                    : OfficialImages.names().contains(repo) ? "Docker Official Image" : "Docker Hub, not official";
        }
        String image = s.image();
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String tag = colon > slash ? name.substring(colon + 1) : null;
        return new BaseImage(s.from().startLine(), s.label(), image, tag, image.contains("@sha256:"), origin);
    }

    /** Whether there is nothing to review. */
    public boolean isEmpty() {
        return baseImages.isEmpty()
                && packageSources.isEmpty()
                && downloads.isEmpty()
                && scripts.isEmpty()
                && securityChanges.isEmpty();
    }
}

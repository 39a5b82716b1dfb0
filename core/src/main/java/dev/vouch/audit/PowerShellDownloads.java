package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads and digest checks in the RUNs of Windows images, after {@code SHELL ["powershell", …]}, read far enough
 * for DF004 and the review queue: {@code Invoke-WebRequest} (and its {@code iwr}, {@code curl}, {@code wget}
 * aliases) with {@code -OutFile}, {@code WebClient.DownloadFile(url, file)}, {@code Start-BitsTransfer -Source
 * -Destination}; a check is {@code Get-FileHash} of the file compared with a value ({@code -ne}, {@code -eq},
 * {@code -match}…) in the same RUN. Simple string assignments ({@code $file = 'go.zip'}) are followed. See <a
 * href="https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-filehash">Get-FileHash</a>.
 */
final class PowerShellDownloads {
    private PowerShellDownloads() {}

    private static final Pattern ASSIGN = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(['\"])([^'\"]*)\\2");
    private static final Pattern WEB_REQUEST =
            Pattern.compile("(?i)(?<![\\w-])(Invoke-WebRequest|iwr|curl|wget)(?![\\w-])([^;\\n|}]*)");
    private static final Pattern URI = Pattern.compile("(?i)-Uri\\s+(\\S+)");
    private static final Pattern POSITIONAL_URL = Pattern.compile("(?i)(['\"]?https?://[^\\s'\"]+['\"]?)");
    private static final Pattern OUT_FILE = Pattern.compile("(?i)-OutFile\\s+(\\S+)");
    private static final Pattern DOWNLOAD_FILE =
            Pattern.compile("(?i)\\.DownloadFile\\(\\s*([^,]+?)\\s*,\\s*([^)]+?)\\s*\\)");
    private static final Pattern BITS =
            Pattern.compile("(?i)Start-BitsTransfer\\b[^;\\n]*?-Source\\s+(\\S+)[^;\\n]*?-Destination\\s+(\\S+)");
    private static final Pattern FILE_HASH =
            Pattern.compile("(?i)Get-FileHash\\s+(?:-Path\\s+|-LiteralPath\\s+)?(\\S+)([^;\\n)]*)");
    private static final Pattern ALGORITHM = Pattern.compile("(?i)-Algorithm\\s+(\\w+)");
    private static final Pattern COMPARISON = Pattern.compile("(?i)-(c?ne|c?eq|not ?match|c?match)\\b|\\.Equals\\(");
    private static final Set<String> WEAK = Set.of("md5", "sha1", "mactripledes", "ripemd160");

    /** Whether this instruction is a RUN that PowerShell runs (a SHELL named it in this stage). */
    static boolean applies(AuditContext ctx, int index) {
        Instruction in = ctx.model().dockerfile().instructions().get(index);
        return in.command().equals("run")
                && !in.json()
                && !in.args().isEmpty()
                && !ctx.model().dockerfile().posixShellAt(index);
    }

    static List<Downloads.Download> downloads(AuditContext ctx, int index) {
        Instruction in = ctx.model().dockerfile().instructions().get(index);
        String text = in.args().get(0);
        Map<String, String> vars = assignments(text);
        List<Downloads.Download> out = new ArrayList<>();
        Matcher m = WEB_REQUEST.matcher(text);
        while (m.find()) {
            String rest = m.group(2);
            Matcher uri = URI.matcher(rest);
            Matcher positional = POSITIONAL_URL.matcher(rest);
            String url = uri.find() ? uri.group(1) : positional.find() ? positional.group(1) : null;
            Matcher file = OUT_FILE.matcher(rest);
            if (url != null && file.find()) {
                out.add(download(ctx, index, in, "Invoke-WebRequest", value(url, vars), value(file.group(1), vars)));
            }
        }
        Matcher d = DOWNLOAD_FILE.matcher(text);
        while (d.find()) {
            out.add(download(ctx, index, in, "WebClient", value(d.group(1), vars), value(d.group(2), vars)));
        }
        Matcher b = BITS.matcher(text);
        while (b.find()) {
            out.add(download(ctx, index, in, "Start-BitsTransfer", value(b.group(1), vars), value(b.group(2), vars)));
        }
        return out;
    }

    private static Downloads.Download download(
            AuditContext ctx, int index, Instruction in, String tool, String url, String file) {
        String expanded = ctx.model().expandAt(index, url);
        return new Downloads.Download(
                index,
                in,
                null,
                tool,
                expanded,
                file,
                Set.of(file),
                Downloads.commitPinned(Set.of(expanded)),
                null,
                Downloads.Kind.ARTIFACT);
    }

    static List<Downloads.Check> checks(AuditContext ctx, int index) {
        String text = ctx.model().dockerfile().instructions().get(index).args().get(0);
        if (!COMPARISON.matcher(text).find()) {
            return List.of();
        }
        Map<String, String> vars = assignments(text);
        List<Downloads.Check> out = new ArrayList<>();
        Matcher m = FILE_HASH.matcher(text);
        while (m.find()) {
            Matcher a = ALGORITHM.matcher(m.group(2));
            String algorithm = a.find() ? a.group(1).toLowerCase(Locale.ROOT) : "sha256";
            out.add(new Downloads.Check(
                    index,
                    null,
                    "checksum",
                    algorithm + " (Get-FileHash)",
                    WEAK.contains(algorithm),
                    List.of(value(m.group(1), vars))));
        }
        return out;
    }

    /** {@code $name = 'literal'} assignments of the script (the last one wins). */
    private static Map<String, String> assignments(String text) {
        Map<String, String> vars = new HashMap<>();
        Matcher m = ASSIGN.matcher(text);
        while (m.find()) {
            vars.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3));
        }
        return vars;
    }

    /** A word with its quotes removed, or the literal a {@code $variable} was given. */
    private static String value(String word, Map<String, String> vars) {
        String w = word.strip().replaceAll("[;)]+$", "");
        if (w.length() >= 2 && (w.charAt(0) == '\'' || w.charAt(0) == '"') && w.charAt(w.length() - 1) == w.charAt(0)) {
            w = w.substring(1, w.length() - 1);
        }
        if (w.startsWith("$") && vars.containsKey(w.substring(1).toLowerCase(Locale.ROOT))) {
            return vars.get(w.substring(1).toLowerCase(Locale.ROOT));
        }
        return w;
    }
}

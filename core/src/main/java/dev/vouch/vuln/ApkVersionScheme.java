package dev.vouch.vuln;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alpine's version ordering (<a href="https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver">pkgver</a>, as
 * apk-tools compares): numbers separated by dots, an optional letter, suffixes ({@code _alpha}, {@code _beta},
 * {@code _pre}, {@code _rc} sort before the release; {@code _cvs}, {@code _svn}, {@code _git}, {@code _hg},
 * {@code _p} after it) each with an optional number, an optional {@code ~hash}, an optional {@code -rN} revision.
 * A dotted number with leading zeros compares as a fraction ({@code 1.01 < 1.1}). Two strings of which one is not a
 * valid version compare as plain strings, as apk does.
 */
final class ApkVersionScheme implements VersionScheme {
    private static final Pattern VALID = Pattern.compile(
            "[0-9]+(\\.[0-9]+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*(~[0-9a-f]+)?(-r[0-9]+)?");
    private static final List<String> PRE = List.of("alpha", "beta", "pre", "rc");
    private static final List<String> POST = List.of("cvs", "svn", "git", "hg", "p");

    /** Token kinds in apk's order: when two versions agree up to where one kind differs, this order decides. */
    private enum Kind {
        INVALID,
        DIGIT_OR_ZERO,
        DIGIT,
        LETTER,
        SUFFIX,
        SUFFIX_NO,
        HASH,
        REVISION_NO,
        END
    }

    /**
     * One token; numbers keep their digits ({@code fraction} for a dotted part with leading zeros, which compares
     * as the digits after a decimal point).
     */
    private record Token(Kind kind, long value, String text, boolean fraction) {}

    @Override
    public boolean isValid(String version) {
        return version != null
                && version.length() <= 256
                && VALID.matcher(version).matches();
    }

    /**
     * Compares token by token; a part that does not parse ends the version there with an invalid token, which
     * sorts after a version that simply ended (so {@code 1.0 < 1.0bc}), as apk-tools does.
     */
    @Override
    public int compare(String a, String b) {
        List<Token> ta = tokens(a);
        List<Token> tb = tokens(b);
        int i = 0;
        while (ta.get(i).kind() == tb.get(i).kind()
                && ta.get(i).kind() != Kind.END
                && ta.get(i).kind() != Kind.INVALID) {
            int c = compareValues(ta.get(i), tb.get(i));
            if (c != 0) {
                return c;
            }
            i++;
        }
        Token x = ta.get(i);
        Token y = tb.get(i);
        if (x.kind() == y.kind()) {
            return 0;
        }
        // the longer version is newer, unless what it has more of is a pre-release suffix
        if (x.kind() == Kind.SUFFIX && x.value() < 0) {
            return -1;
        }
        if (y.kind() == Kind.SUFFIX && y.value() < 0) {
            return 1;
        }
        return x.kind().ordinal() > y.kind().ordinal() ? -1 : 1;
    }

    /**
     * apk's fuzzy match ({@code ~}, as in the {@code pkg~3.6} dependency syntax): {@code a} starts with every token
     * of {@code b}, so 3.6.9 and 3.6_pre1 match 3.6, and 3.8 does not match 3.8.1.
     */
    boolean fuzzyEquals(String a, String b) {
        List<Token> ta = tokens(a);
        List<Token> tb = tokens(b);
        for (int i = 0; i < tb.size() && tb.get(i).kind() != Kind.END; i++) {
            if (i >= ta.size()
                    || ta.get(i).kind() != tb.get(i).kind()
                    || tb.get(i).kind() == Kind.INVALID
                    || compareValues(ta.get(i), tb.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int compareValues(Token x, Token y) {
        if (x.kind() == Kind.HASH) {
            return Integer.signum(x.text().compareTo(y.text()));
        }
        if (x.text() == null || y.text() == null) {
            return Long.compare(x.value(), y.value());
        }
        if (x.fraction() != y.fraction()) {
            return x.fraction() ? -1 : 1; // 0.x is below any whole number part
        }
        if (x.fraction()) {
            return Integer.signum(x.text().compareTo(y.text())); // digits after a decimal point
        }
        int c = Integer.compare(x.text().length(), y.text().length()); // no leading zeros: longer is larger
        return c != 0 ? c : Integer.signum(x.text().compareTo(y.text()));
    }

    private static List<Token> tokens(String v) {
        List<Token> out = new ArrayList<>();
        int n = Math.min(v.length(), 256);
        int i = 0;
        Kind at = Kind.DIGIT; // what the grammar expects next
        while (true) {
            if (i >= n) {
                out.add(new Token(i == 0 ? Kind.INVALID : Kind.END, 0, null, false));
                return out;
            }
            char c = v.charAt(i);
            switch (at) {
                case DIGIT, DIGIT_OR_ZERO, SUFFIX_NO, REVISION_NO -> {
                    int s = i;
                    while (i < n && Character.isDigit(v.charAt(i))) {
                        i++;
                    }
                    if (i == s && at != Kind.SUFFIX_NO) {
                        out.add(new Token(Kind.INVALID, 0, null, false));
                        return out;
                    }
                    if (i > s) {
                        String digits = v.substring(s, i);
                        boolean fraction = at == Kind.DIGIT_OR_ZERO && digits.charAt(0) == '0';
                        out.add(new Token(at, 0, fraction ? digits : digits.replaceFirst("^0+(?=.)", ""), fraction));
                    }
                }
                case LETTER -> {
                    out.add(new Token(Kind.LETTER, c, null, false));
                    i++;
                }
                case SUFFIX -> {
                    int s = i;
                    while (i < n && Character.isLowerCase(v.charAt(i))) {
                        i++;
                    }
                    String word = v.substring(s, i);
                    if (PRE.contains(word)) {
                        out.add(new Token(Kind.SUFFIX, PRE.indexOf(word) - PRE.size(), null, false));
                    } else if (POST.contains(word)) {
                        out.add(new Token(Kind.SUFFIX, POST.indexOf(word), null, false));
                    } else {
                        out.add(new Token(Kind.INVALID, 0, null, false));
                        return out;
                    }
                }
                case HASH -> {
                    int s = i;
                    while (i < n && (Character.isDigit(v.charAt(i)) || (v.charAt(i) >= 'a' && v.charAt(i) <= 'f'))) {
                        i++;
                    }
                    if (i == s) {
                        out.add(new Token(Kind.INVALID, 0, null, false));
                        return out;
                    }
                    out.add(new Token(Kind.HASH, 0, v.substring(s, i), false));
                }
                default -> throw new IllegalStateException(at.toString());
            }
            if (i >= n) {
                continue;
            }
            // what may follow the token just read
            Kind last = out.get(out.size() - 1).kind();
            char next = v.charAt(i);
            Kind following = Kind.INVALID;
            if ((at == Kind.DIGIT || at == Kind.DIGIT_OR_ZERO) && next >= 'a' && next <= 'z' && last != Kind.LETTER) {
                following = Kind.LETTER;
            } else if (at == Kind.SUFFIX && Character.isDigit(next)) {
                following = Kind.SUFFIX_NO;
            } else if (next == '.' && (at == Kind.DIGIT || at == Kind.DIGIT_OR_ZERO)) {
                following = Kind.DIGIT_OR_ZERO;
                i++;
            } else if (next == '_' && at.ordinal() <= Kind.SUFFIX_NO.ordinal()) {
                following = Kind.SUFFIX;
                i++;
            } else if (next == '~' && at.ordinal() <= Kind.SUFFIX_NO.ordinal()) {
                following = Kind.HASH;
                i++;
            } else if (next == '-' && i + 1 < n && v.charAt(i + 1) == 'r' && at != Kind.REVISION_NO) {
                following = Kind.REVISION_NO;
                i += 2;
            }
            if (following == Kind.INVALID) {
                out.add(new Token(Kind.INVALID, 0, null, false));
                return out;
            }
            at = following;
        }
    }
}

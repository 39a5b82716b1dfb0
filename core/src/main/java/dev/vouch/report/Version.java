package dev.vouch.report;

/**
 * The version of vouch that made a report, from the jar manifest's {@code Implementation-Version} ({@code 0.0.0-dev}
 * for a development build): written into SARIF logs and SBOMs as the tool's version.
 */
public final class Version {
    private Version() {}

    /** The version number, or {@code 0.0.0-dev} for a development build. */
    public static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.0.0-dev" : v;
    }
}

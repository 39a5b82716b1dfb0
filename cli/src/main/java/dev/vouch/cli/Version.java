package dev.vouch.cli;

import picocli.CommandLine;

/** The version printed by {@code vouch --version}, from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"vouch " + (v == null ? "(development build)" : v)};
    }

    /** The version number, or {@code 0.0.0-dev} for a development build. */
    static String number() {
        return dev.vouch.report.Version.number();
    }
}

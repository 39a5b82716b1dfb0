package dev.vouch.cli;

import picocli.CommandLine;

/** The version printed by {@code vouch --version}, from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"vouch " + (v == null ? "(development build)" : v)};
    }
}

package dev.vouch.sbom;

/**
 * The kind of a package, named by its package-url type (<a
 * href="https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst">purl types</a>).
 */
public enum PackageType {
    DEB("deb"),
    APK("apk"),
    RPM("rpm"),
    MAVEN("maven"),
    NPM("npm"),
    PYPI("pypi"),
    GOLANG("golang"),
    GEM("gem"),
    COMPOSER("composer"),
    NUGET("nuget"),
    CARGO("cargo"),
    CONDA("conda"),
    BINARY("generic");

    private final String purlType;

    PackageType(String purlType) {
        this.purlType = purlType;
    }

    public String purlType() {
        return purlType;
    }
}

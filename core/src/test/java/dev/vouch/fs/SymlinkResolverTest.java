package dev.vouch.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.layer.EntryKind;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Paths resolved inside an image root as the kernel would: directory links, absolute links, loops. */
class SymlinkResolverTest {
    private static FileNode link(String path, String target) {
        return new FileNode(path, EntryKind.SYMLINK, 0777, 0, 0, 0, target, 0);
    }

    private static FileNode file(String path) {
        return new FileNode(path, EntryKind.FILE, 0644, 0, 0, 1, null, 0);
    }

    @Test
    void followsEveryLinkOnTheWay() {
        Map<String, FileNode> n = new TreeMap<>();
        n.put("usr/lib/os-release", file("usr/lib/os-release"));
        n.put("etc/os-release", link("etc/os-release", "../usr/lib/os-release"));
        n.put("lib", link("lib", "usr/lib"));
        n.put("etc/abs", link("etc/abs", "/lib/./os-release"));
        n.put("etc/up", link("etc/up", "../../../usr/lib/os-release"));
        n.put("a", link("a", "b"));
        n.put("b", link("b", "a"));
        assertThat(SymlinkResolver.resolve(n, "etc/os-release")).isEqualTo("usr/lib/os-release");
        assertThat(SymlinkResolver.resolve(n, "lib/os-release")).isEqualTo("usr/lib/os-release"); // directory link
        assertThat(SymlinkResolver.resolve(n, "etc/abs")).isEqualTo("usr/lib/os-release");
        assertThat(SymlinkResolver.resolve(n, "etc/up")).isEqualTo("usr/lib/os-release"); // .. stops at the root
        assertThat(SymlinkResolver.resolve(n, "a")).isNull(); // a loop
        assertThat(SymlinkResolver.resolve(n, "usr/lib/os-release")).isEqualTo("usr/lib/os-release");
    }
}

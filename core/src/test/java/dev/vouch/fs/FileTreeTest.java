package dev.vouch.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.image.Digest;
import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerRef;
import dev.vouch.layer.LayerScan;
import dev.vouch.report.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileTreeTest {
    private static LayerEntry file(String path, long size) {
        return new LayerEntry(path, EntryKind.FILE, 0644, 0, 0, size, null);
    }

    private static LayerEntry dir(String path) {
        return new LayerEntry(path, EntryKind.DIRECTORY, 0755, 0, 0, 0, null);
    }

    private static LayerEntry whiteout(String path) {
        return new LayerEntry(path, EntryKind.WHITEOUT, 0, 0, 0, 0, null);
    }

    private static LayerEntry opaque(String path) {
        return new LayerEntry(path, EntryKind.OPAQUE, 0, 0, 0, 0, null);
    }

    private static LayerEntry symlink(String path, String target) {
        return new LayerEntry(path, EntryKind.SYMLINK, 0777, 0, 0, 0, target);
    }

    private static LayerEntry hardlink(String path, String target) {
        return new LayerEntry(path, EntryKind.HARDLINK, 0644, 0, 0, 0, target);
    }

    private static FileTree apply(List<List<LayerEntry>> layers) {
        FileTree tree = new FileTree();
        List<LayerRef> refs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerRef ref =
                    new LayerRef(i, Digest.sha256(new byte[] {(byte) i}), Digest.sha256(new byte[] {(byte) i, 1}));
            refs.add(ref);
            tree.apply(new LayerScan(ref, true, layers.get(i), List.of(), 0, 0));
        }
        tree.finish(refs);
        return tree;
    }

    @Test
    void whiteoutsHideLowerFilesAndLeaveRemnants() {
        FileTree t = apply(List.of(
                List.of(dir("etc"), file("etc/secret", 100), file("etc/keep", 5)),
                List.of(whiteout("etc/secret"), file("etc/new", 7))));
        assertThat(t.nodes().keySet()).containsExactly("etc", "etc/keep", "etc/new");
        assertThat(t.remnants()).containsExactly(new Remnant("etc/secret", 100, 0, 1, false));
        assertThat(t.changes())
                .containsExactly(
                        new LayerChanges(0, 2, 0, 0, 105, 100, true), new LayerChanges(1, 1, 0, 1, 7, 0, true));
        assertThat(t.findings()).isEmpty();
    }

    @Test
    void opaqueDirectoryHidesOnlyLowerChildren() {
        FileTree t = apply(List.of(
                List.of(dir("d"), file("d/a", 1), file("d/b", 2), dir("d/sub"), file("d/sub/c", 3), file("dx", 9)),
                List.of(dir("d"), opaque("d"), file("d/new", 4))));
        assertThat(t.nodes().keySet()).containsExactly("d", "d/new", "dx");
        assertThat(t.remnants()).extracting(Remnant::path).containsExactlyInAnyOrder("d/a", "d/b", "d/sub/c");
        assertThat(t.changes().get(1).removed()).isEqualTo(3);
    }

    @Test
    void overwritesCountAsModifiedAndAsWaste() {
        FileTree t = apply(List.of(List.of(file("big", 1000)), List.of(file("big", 10))));
        assertThat(t.remnants()).containsExactly(new Remnant("big", 1000, 0, 1, true));
        assertThat(t.changes().get(1).modified()).isEqualTo(1);
        Efficiency e = t.efficiency();
        assertThat(e.wastedBytes()).isEqualTo(1010);
        assertThat(e.score()).isEqualTo(10.0 / 1010);
        assertThat(e.top()).containsExactly(new Efficiency.Waste("/big", 2, 1010));
    }

    @Test
    void deletingADirectoryCountsEveryFileInside() {
        FileTree t = apply(List.of(
                List.of(dir("cache"), file("cache/a", 30), file("cache/b", 70), file("other", 100)),
                List.of(whiteout("cache"))));
        assertThat(t.efficiency().wastedBytes()).isEqualTo(100);
        assertThat(t.efficiency().score()).isEqualTo(100.0 / 200);
    }

    @Test
    void whiteoutOfNothingIsAFinding() {
        FileTree t = apply(List.of(List.of(file("a", 1)), List.of(whiteout("never/was"))));
        assertThat(t.findings()).extracting(Finding::id).containsExactly("TAR006");
        assertThat(t.findings().get(0).location().path()).isEqualTo("never/was");
    }

    @Test
    void hardlinksMustPointAtAnExistingOtherFile() {
        FileTree ok = apply(List.of(List.of(file("a", 1), hardlink("b", "a"))));
        assertThat(ok.findings()).isEmpty();
        FileTree missing = apply(List.of(List.of(hardlink("b", "a"), hardlink("a", "b"))));
        assertThat(missing.findings()).extracting(Finding::id).containsExactly("TAR007", "TAR007");
        FileTree self = apply(List.of(List.of(file("a", 1)), List.of(hardlink("a", "a"))));
        assertThat(self.findings()).extracting(Finding::message).containsExactly("hardlink to itself");
    }

    @Test
    void symlinkLoopsAreFoundAndChainsAreNot() {
        FileTree loop = apply(List.of(List.of(symlink("a", "b"), symlink("b", "/a"), symlink("c", "a/x"))));
        assertThat(loop.findings()).extracting(f -> f.location().path()).containsExactly("a", "b", "c");
        FileTree fine = apply(List.of(List.of(
                dir("usr"),
                dir("usr/bin"),
                symlink("bin", "usr/bin"),
                symlink("usr/bin/sh", "../../bin/dash"),
                symlink("dangling", "/nowhere"),
                symlink("up", "../../../../etc"))));
        assertThat(fine.findings()).isEmpty();
    }

    @Test
    void fileReplacedByDirectoryAndBack() {
        FileTree t = apply(List.of(List.of(file("x", 5)), List.of(dir("x"), file("x/y", 6)), List.of(file("x", 7))));
        assertThat(t.nodes().keySet()).containsExactly("x");
        assertThat(t.nodes().get("x").size()).isEqualTo(7);
        assertThat(t.remnants()).extracting(Remnant::path).containsExactly("x", "x/y");
    }
}

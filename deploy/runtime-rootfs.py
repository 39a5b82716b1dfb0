#!/usr/bin/env python3
"""Turns a Debian root filesystem that mmdebstrap installed (essential packages plus a Java runtime) into the
root filesystem of vouch's image: only the packages the runtime needs at run time, no shell, no package manager.

    runtime-rootfs.py FULL_ROOT OUT_ROOT ROOT_PACKAGE [EXTRA_PACKAGE...]

Kept: ROOT_PACKAGE and what it depends on (Depends and Pre-Depends, followed through the installed packages and
their Provides), and each EXTRA_PACKAGE, minus the packages that only install things (dpkg, debconf, perl, the
certificate and alternatives tools). What those tools made at install time and the runtime needs (the Java trust
store /etc/ssl/certs/java/cacerts and the /usr/bin/java link) is kept as files. The kept packages are recorded the
way distroless images record them, one stanza per package in var/lib/dpkg/status.d/, so SBOM tools still list them.
Ownership and modes are those of the installed files; every path is checked to stay inside both roots.
"""
import os
import re
import shutil
import stat
import sys

# install-time machinery: needed to unpack and configure packages, not to run Java
NOT_AT_RUN_TIME = {
    "dpkg", "debconf", "cdebconf", "perl-base", "perl-modules-5.36", "libperl5.36", "java-common",
    "ca-certificates-java", "ca-certificates", "openssl", "util-linux", "util-linux-extra", "install-info",
    "sysvinit-utils", "lsb-base", "tar", "coreutils", "dash", "bash", "debianutils", "init-system-helpers", "mawk",
}
SHELLS = {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"}
MADE_AT_INSTALL = ["etc/ssl/certs/java/cacerts"]


def stanzas(status_file):
    with open(status_file, encoding="utf-8") as f:
        for block in f.read().split("\n\n"):
            if block.strip():
                yield block.strip("\n")


def field(block, name):
    m = re.search(r"^" + re.escape(name) + r": (.*(?:\n .*)*)", block, re.M)
    return m.group(1) if m else ""


def names(relation):
    """Each dependency as its list of alternatives (names only)."""
    out = []
    for clause in relation.split(","):
        alternatives = [re.sub(r"[\s(:].*", "", a.strip()) for a in clause.split("|")]
        alternatives = [a for a in alternatives if a]
        if alternatives:
            out.append(alternatives)
    return out


def inside(root, rel):
    path = os.path.normpath(os.path.join(root, rel.lstrip("/")))
    if path != root and not path.startswith(root + os.sep):
        raise SystemExit(f"runtime-rootfs: {rel} leaves {root}")
    return path


def copy_entry(full, out, rel):
    src = inside(full, rel)
    dst = inside(out, rel)
    st = os.lstat(src)
    parent = os.path.dirname(rel.strip("/"))
    if parent:
        copy_dirs(full, out, parent)
    if stat.S_ISDIR(st.st_mode):
        copy_dirs(full, out, rel.strip("/"))
        return
    if os.path.lexists(dst):
        return
    if stat.S_ISLNK(st.st_mode):
        os.symlink(os.readlink(src), dst)
    elif stat.S_ISREG(st.st_mode):
        shutil.copyfile(src, dst)
        os.chmod(dst, stat.S_IMODE(st.st_mode))
    else:
        return  # no devices, fifos or sockets
    os.lchown(dst, st.st_uid, st.st_gid)


def copy_dirs(full, out, rel):
    path = ""
    for part in rel.split("/"):
        path = f"{path}/{part}" if path else part
        dst = inside(out, path)
        st = os.lstat(inside(full, path))
        if stat.S_ISLNK(st.st_mode):  # a merged-/usr link such as lib -> usr/lib: the link and where it leads
            target = os.readlink(inside(full, path))
            if target.startswith("/"):
                raise SystemExit(f"runtime-rootfs: {path} is an absolute link ({target})")
            if not os.path.lexists(dst):
                os.symlink(target, dst)
            copy_dirs(full, out, os.path.normpath(os.path.join(os.path.dirname(path), target)))
        elif not os.path.isdir(dst):
            os.mkdir(dst)
            os.chmod(dst, stat.S_IMODE(st.st_mode))
            os.lchown(dst, st.st_uid, st.st_gid)


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    full, out, root_package, extra = (os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3],
                                      sys.argv[4:])
    dpkg = os.path.join(full, "var/lib/dpkg")
    installed, provides = {}, {}
    for block in stanzas(os.path.join(dpkg, "status")):
        name = field(block, "Package")
        if "install ok installed" not in field(block, "Status"):
            continue
        installed[name] = block
        for alternatives in names(field(block, "Provides")):
            provides.setdefault(alternatives[0], name)
    keep, todo = set(), [root_package] + extra
    while todo:
        name = todo.pop()
        name = name if name in installed else provides.get(name)
        if name is None or name in keep or name in NOT_AT_RUN_TIME:
            continue
        keep.add(name)
        block = installed[name]
        for alternatives in names(field(block, "Pre-Depends")) + names(field(block, "Depends")):
            chosen = next((a for a in alternatives if a in installed or a in provides), None)
            if chosen:
                todo.append(chosen)
    if os.path.exists(out):
        raise SystemExit(f"runtime-rootfs: {out} exists")
    os.mkdir(out, 0o755)
    for name in sorted(keep):
        arch = field(installed[name], "Architecture")
        listing = os.path.join(dpkg, "info", f"{name}:{arch}.list")
        if not os.path.exists(listing):
            listing = os.path.join(dpkg, "info", f"{name}.list")
        with open(listing, encoding="utf-8") as f:
            for rel in f.read().splitlines():
                if rel and rel != "/." and os.path.lexists(inside(full, rel)):
                    copy_entry(full, out, rel)
    for rel in MADE_AT_INSTALL:
        copy_entry(full, out, rel)
    # /usr/bin/java -> /etc/alternatives/java -> the runtime's own: one link straight to it, no alternatives
    java = os.readlink(inside(full, "etc/alternatives/java"))
    if not java.startswith("/usr/lib/jvm/") or not os.path.exists(inside(out, java)):
        raise SystemExit(f"runtime-rootfs: the java alternative names {java}, which is not a kept runtime")
    copy_dirs(full, out, "usr/bin")
    os.symlink(java, inside(out, "usr/bin/java"))
    status_d = os.path.join(out, "var/lib/dpkg/status.d")
    os.makedirs(status_d)
    for name in sorted(keep):
        with open(os.path.join(status_d, name), "w", encoding="utf-8") as f:
            f.write(installed[name] + "\n")
    etc = os.path.join(out, "etc")
    os.makedirs(etc, exist_ok=True)
    with open(os.path.join(etc, "passwd"), "w", encoding="utf-8") as f:
        f.write("root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
    with open(os.path.join(etc, "group"), "w", encoding="utf-8") as f:
        f.write("root:x:0:\nnonroot:x:65532:\n")
    for d, mode in (("tmp", 0o1777), ("home/nonroot", 0o700), ("root", 0o700)):
        os.makedirs(os.path.join(out, d), exist_ok=True)
        os.chmod(os.path.join(out, d), mode)
    os.chown(os.path.join(out, "home/nonroot"), 65532, 65532)
    shells = [os.path.join(d, n) for d, _, files in os.walk(out) for n in files if n in SHELLS]
    if shells:
        raise SystemExit(f"runtime-rootfs: a shell would ship: {', '.join(sorted(shells))}")
    print(f"runtime-rootfs: {len(keep)} packages: {' '.join(sorted(keep))}")


if __name__ == "__main__":
    main()

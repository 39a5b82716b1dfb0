"""A fleet on a registry: bases pushed first, then N images that each add one to three small layers to a base,
pushed as a CI would (blob mounts, a config, a manifest). Waits until the replicas of vouch serve have checked every
image (their /metrics), and prints one JSON line per phase. Used by bench/fleet.sh."""
import gzip, hashlib, io, json, os, random, sys, tarfile, time, urllib.request

reg, n, phase, bases_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
replicas = sys.argv[5].split(",")
rnd = random.Random(phase)  # the same fleet on every run


def call(method, path, data=None, headers=None):
    req = urllib.request.Request("http://" + reg + path, data=data, method=method, headers=headers or {})
    with urllib.request.urlopen(req) as r:
        return r.status, r.headers, r.read()


def blob(repo, data):
    d = "sha256:" + hashlib.sha256(data).hexdigest()
    _, h, _ = call("POST", "/v2/%s/blobs/uploads/" % repo, b"")
    loc = h["Location"]
    loc = loc if loc.startswith("http") else "http://" + reg + loc
    sep = "&" if "?" in loc else "?"
    req = urllib.request.Request(loc + sep + "digest=" + d, data=data, method="PUT",
                                 headers={"Content-Type": "application/octet-stream"})
    urllib.request.urlopen(req).read()
    return d


def small_layer(i, k, kib):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for f in range(rnd.randint(1, 4)):
            data = os.urandom(rnd.randint(1, kib) * 1024)
            info = tarfile.TarInfo("srv/%s-%d/%d/file-%d.bin" % (phase, i, k, f))
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    return raw, gzip.compress(raw, mtime=0)


def metrics():
    checks = 0
    read = stored = 0
    dur_sum = 0.0
    for r in replicas:
        text = urllib.request.urlopen("http://%s/metrics" % r).read().decode()
        for line in text.splitlines():
            if line.startswith("vouch_checks_total"):
                checks += int(float(line.split()[-1]))
            elif line.startswith('vouch_layers_total{from="read"}'):
                read += int(float(line.split()[-1]))
            elif line.startswith('vouch_layers_total{from="stored"}'):
                stored += int(float(line.split()[-1]))
            elif line.startswith("vouch_check_duration_seconds_sum"):
                dur_sum += float(line.split()[-1])
    return checks, read, stored, dur_sum


FIXTURES = [("debian", "target/fixtures/debian:bookworm"), ("app", "target/fixtures/app:1"),
            ("app-squashed", "target/fixtures/app-squashed:1"), ("pkgs", "target/fixtures/pkgs:1"),
            ("demo", "examples/demo"), ("demo-base", "examples/demo-base:1")]


def push_bases():
    """The fixtures' images as they are, then Debian under a 1 MB layer of each one's own: ten bases."""
    import subprocess
    out = []
    for name, src in FIXTURES:
        ref = "docker://%s/bases/%s:1" % (reg, name)
        subprocess.run(["skopeo", "copy", "-q", "--dest-tls-verify=false", "oci:" + src, ref], check=True)
        m = json.loads(subprocess.run(["skopeo", "inspect", "--tls-verify=false", "--raw", ref], check=True,
                                      capture_output=True).stdout)
        cfg = json.loads(subprocess.run(["skopeo", "inspect", "--tls-verify=false", "--config", "--raw", ref],
                                        check=True, capture_output=True).stdout)
        out.append({"repo": "bases/" + name, "layers": m["layers"], "diffIds": cfg["rootfs"]["diff_ids"]})
    for k in range(4):
        out.append(push_image(out[0], "bases/debian-%d" % k, k, 1, 1024))
    return out


def push_image(base, repo, i, layers_wanted, kib):
    for l in base["layers"]:
        call("POST", "/v2/%s/blobs/uploads/?mount=%s&from=%s" % (repo, l["digest"], base["repo"]), b"")
    layers = list(base["layers"])
    diff_ids = list(base["diffIds"])
    for k in range(layers_wanted):
        raw, gz = small_layer(i, k, kib)
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": blob(repo, gz),
                       "size": len(gz)})
        diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
    cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {"User": "10001"},
                      "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    cd = blob(repo, cfg)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd,
                                      "size": len(cfg)}, "layers": layers}).encode()
    call("PUT", "/v2/%s/manifests/1" % repo, manifest,
         {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    return {"repo": repo, "layers": layers, "diffIds": diff_ids}


before = metrics()
start = time.time()
expected = n
if phase == "cold":
    bases = push_bases()
    json.dump(bases, open(bases_file, "w"))
    expected += len(bases)
else:
    bases = json.load(open(bases_file))
new_bytes = 0
distinct = {l["digest"] for b in bases for l in b["layers"]} if phase == "cold" else set()
for i in range(n):
    base = bases[i % len(bases)]
    repo = "fleet/%s-%d" % (phase, i)
    img = push_image(base, repo, i, rnd.randint(1, 3), 32)
    new_bytes += sum(l["size"] for l in img["layers"][len(base["layers"]):])
    distinct.update(l["digest"] for l in img["layers"][len(base["layers"]):])
pushed = time.time()
while True:
    now = metrics()
    if now[0] - before[0] >= expected:
        break
    if time.time() - start > 3600:
        sys.exit("fleet: not all checked within an hour")
    time.sleep(0.5)
end = time.time()
checks, read, stored, dur = (a - b for a, b in zip(now, before))
total_bytes = sum(sum(l["size"] for l in bases[i % len(bases)]["layers"]) for i in range(n)) + new_bytes
print(json.dumps({"phase": phase, "images": expected, "seconds": round(end - start, 1),
                  "push_seconds": round(pushed - start, 1),
                  "images_per_minute": round(60 * expected / (end - start), 1),
                  "distinct_new_layers": len(distinct), "layers_read": read, "layers_restored": stored,
                  "mean_check_seconds": round(dur / max(checks, 1), 3),
                  "new_bytes_per_image": new_bytes // n, "total_bytes_per_image": total_bytes // n}))

"""A fleet on a registry: bases pushed first, then N images that each add one to three small layers to a base,
pushed as a CI would (blob mounts, a config, a manifest). Waits until the replicas of vouch serve have checked every
image (their /metrics), and prints one JSON line per phase. Used by bench/fleet.sh.

Phases: cold (the bases and N images, nothing stored), warm (N more images on the same bases), again (the warm images
rebuilt with a new config and no new layer: what a check costs when every layer is stored), large (N/10 images adding
one 8 MiB layer of their own: the cost per new byte). Each phase also measures the floor of its new layers: fetching
each blob once, hashing it, decompressing it and hashing what it decompressed to, as the cheapest reader would."""
import gzip, hashlib, io, json, os, random, sys, tarfile, time, urllib.request, zlib

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


def small_layer(i, k, kib, files=None):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for f in range(files or rnd.randint(1, 4)):
            data = os.urandom((kib if files else rnd.randint(1, kib)) * 1024)
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


def push_image(base, repo, i, layers_wanted, kib, files=None, labels=None):
    for l in base["layers"]:
        call("POST", "/v2/%s/blobs/uploads/?mount=%s&from=%s" % (repo, l["digest"], base["repo"]), b"")
    layers = list(base["layers"])
    diff_ids = list(base["diffIds"])
    for k in range(layers_wanted):
        raw, gz = small_layer(i, k, kib, files)
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": blob(repo, gz),
                       "size": len(gz)})
        diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
    config = {"User": "10001"}
    if labels:
        config["Labels"] = labels
    cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": config,
                      "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    cd = blob(repo, cfg)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd,
                                      "size": len(cfg)}, "layers": layers}).encode()
    call("PUT", "/v2/%s/manifests/1" % repo, manifest,
         {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    return {"repo": repo, "layers": layers, "diffIds": diff_ids}


def floor(repo, layer):
    """Reading and verifying one layer at the floor: one GET, its digest, its decompression and its diff_id."""
    t0 = time.perf_counter()
    _, _, data = call("GET", "/v2/%s/blobs/%s" % (repo, layer["digest"]))
    if "sha256:" + hashlib.sha256(data).hexdigest() != layer["digest"]:
        sys.exit("fleet: blob digest mismatch")
    hashlib.sha256(zlib.decompress(data, 16 + zlib.MAX_WBITS)).hexdigest()
    return time.perf_counter() - t0


def wait_checked(target, since):
    """Waits until the replicas have run target checks since the metrics read as since; returns the metrics then."""
    while True:
        now = metrics()
        if now[0] - since[0] >= target:
            return now
        if time.time() - start > 3600:
            sys.exit("fleet: not all checked within an hour")
        time.sleep(0.01 if paced else 0.5)


# FLEET_PACED=1 pushes one image at a time and waits for its check: each check then runs alone, its duration is
# known per image, and the pusher does not compete with it for the CPU
paced = os.environ.get("FLEET_PACED") == "1"
before = metrics()
start = time.time()
images_file = bases_file + "." + phase
if phase == "cold":
    bases = push_bases()
    json.dump(bases, open(bases_file, "w"))
    if paced:
        wait_checked(len(bases), before)
else:
    bases = json.load(open(bases_file))
count = n // 10 if phase == "large" else n
expected = count + (len(bases) if phase == "cold" else 0)
new_bytes = 0
distinct = {l["digest"] for b in bases for l in b["layers"]} if phase == "cold" else set()
pushed_images = []
per_image = []  # paced: (bytes of its own new layers, its check's seconds)
last = metrics() if paced else None
for i in range(count):
    base = bases[i % len(bases)]
    repo = "fleet/%s-%d" % (phase, i)
    if phase == "again":
        # the warm image rebuilt: the same layers (its own mounted from it), a new config
        base = json.load(open(bases_file + ".warm"))[i]
        img = push_image(base, repo, i, 0, 0, labels={"rebuild": "1"})
    elif phase == "large":
        img = push_image(base, repo, i, 1, 8192, files=1)
    else:
        img = push_image(base, repo, i, rnd.randint(1, 3), 32)
    own = img["layers"][len(base["layers"]):]
    new_bytes += sum(l["size"] for l in own)
    distinct.update(l["digest"] for l in own)
    pushed_images.append((img, own))
    if paced:
        now = wait_checked(1, last)
        per_image.append((sum(l["size"] for l in own), now[3] - last[3]))
        last = now
json.dump([img for img, _ in pushed_images], open(images_file, "w"))
pushed = time.time()
now = wait_checked(expected, before)
end = time.time()
checks, read, stored, dur = (a - b for a, b in zip(now, before))
floor_seconds = sum(floor(img["repo"], l) for img, own in pushed_images for l in own)
total_bytes = sum(sum(l["size"] for l in img["layers"]) for img, _ in pushed_images)
print(json.dumps({"phase": phase, "images": expected, "seconds": round(end - start, 1),
                  "push_seconds": round(pushed - start, 1),
                  "images_per_minute": round(60 * expected / (end - start), 1),
                  "distinct_new_layers": len(distinct), "layers_read": read, "layers_restored": stored,
                  "mean_check_seconds": round(dur / max(checks, 1), 3),
                  "new_bytes_per_image": new_bytes // count, "total_bytes_per_image": total_bytes // count,
                  "floor_seconds_per_image": round(floor_seconds / count, 4)}))
if paced:
    times = sorted(t for _, t in per_image)
    print(json.dumps({"phase": phase, "paced": True,
                      "check_seconds_p10_p50_p90": [round(times[int(q * (len(times) - 1))], 3) for q in (.1, .5, .9)],
                      "per_image": [[b, round(t, 4)] for b, t in per_image]}))

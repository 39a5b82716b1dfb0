-- vouch serve's store: the same statements for SQLite (one node) and PostgreSQL (replicas).
-- Times are milliseconds since the epoch.

-- the work queue: one row per job; a running job whose lease ran out is taken again by any replica
CREATE TABLE jobs (
    kind        VARCHAR(16)  NOT NULL,
    subject     VARCHAR(200) NOT NULL,
    reference   TEXT         NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    attempts    INTEGER      NOT NULL,
    owner       VARCHAR(200),
    lease_until BIGINT,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    error       TEXT,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX jobs_by_state ON jobs (state, created_at);

-- one result per image digest: the report (JSON), the SBOM (CycloneDX JSON), the HTML report, the verdict
CREATE TABLE images (
    digest       VARCHAR(100) PRIMARY KEY,
    reference    TEXT         NOT NULL,
    verdict      VARCHAR(32)  NOT NULL,
    report       TEXT         NOT NULL,
    sbom         TEXT         NOT NULL,
    html         TEXT,
    checked_at   BIGINT       NOT NULL,
    checked_by   VARCHAR(200),
    rematched_at BIGINT
);
CREATE INDEX images_by_time ON images (checked_at);

-- where each digest was seen pushed
CREATE TABLE image_repositories (
    repository VARCHAR(300) NOT NULL,
    digest     VARCHAR(100) NOT NULL,
    tag        VARCHAR(200),
    seen_at    BIGINT       NOT NULL,
    PRIMARY KEY (repository, digest)
);

-- verdicts changed by new advisories
CREATE TABLE verdict_changes (
    digest      VARCHAR(100) NOT NULL,
    changed_at  BIGINT       NOT NULL,
    old_verdict VARCHAR(32)  NOT NULL,
    new_verdict VARCHAR(32)  NOT NULL,
    reason      TEXT         NOT NULL
);
CREATE INDEX verdict_changes_by_digest ON verdict_changes (digest, changed_at);

-- small shared settings, such as the advisory data the stored results were last matched against
CREATE TABLE server_state (
    name  VARCHAR(100) PRIMARY KEY,
    value TEXT         NOT NULL
);

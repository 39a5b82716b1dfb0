-- what reading a layer taught the analyzers, kept so that no replica reads the same layer again (docs/scale.md);
-- key hashes the build, blob digest, diff_id and analyzers; body is a LayerResultCodec record, base64
CREATE TABLE layer_results (
    key       VARCHAR(64)  PRIMARY KEY,
    blob      VARCHAR(100) NOT NULL,
    diff_id   VARCHAR(100) NOT NULL,
    body      TEXT         NOT NULL,
    stored_at BIGINT       NOT NULL,
    used_at   BIGINT       NOT NULL
);
CREATE INDEX layer_results_by_use ON layer_results (used_at);

-- a replica reading a layer claims it, so that the others wait for its results instead of reading it too; a claim
-- whose lease ran out (its replica died mid-layer) is taken over, and no result is ever half written
CREATE TABLE layer_claims (
    key         VARCHAR(64)  PRIMARY KEY,
    owner       VARCHAR(200) NOT NULL,
    lease_until BIGINT       NOT NULL
);

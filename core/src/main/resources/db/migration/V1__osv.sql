-- The offline vulnerability database: OSV records as imported, indexed for matching by ecosystem and package.
CREATE TABLE source (
    name            TEXT PRIMARY KEY,  -- the file or directory imported
    records         INTEGER NOT NULL,
    newest_modified TEXT,              -- the newest record's "modified", ISO-8601
    imported_at     TEXT NOT NULL
);

CREATE TABLE advisory (
    id              TEXT PRIMARY KEY,
    modified        TEXT NOT NULL,
    withdrawn       TEXT,
    summary         TEXT,
    aliases         TEXT NOT NULL,     -- space-separated
    severity        TEXT NOT NULL,     -- critical, high, medium, low, negligible, unknown
    score           REAL,              -- CVSS base score when a vector gave one
    severity_from   TEXT,              -- what the severity was taken from
    source          TEXT NOT NULL
);

CREATE TABLE affected (
    advisory_id     TEXT NOT NULL,
    ecosystem       TEXT NOT NULL,     -- the ecosystem without its release: Debian, Alpine, Ubuntu, npm, Maven
    release         TEXT NOT NULL,     -- 12, v3.19, 22.04:LTS; '' when the ecosystem has none
    package         TEXT NOT NULL,
    ranges          TEXT NOT NULL,     -- ECOSYSTEM/SEMVER ranges, compact: "=<TAB>TYPE" then "event<TAB>version" lines
    versions        TEXT,              -- explicitly affected versions, one per line
    urgency         TEXT               -- Debian's ecosystem_specific.urgency
);

CREATE INDEX affected_by_package ON affected (ecosystem, package);
CREATE INDEX affected_by_advisory ON affected (advisory_id);

-- affected entries per ecosystem and release, rebuilt after each import: "not assessed" is decided from it
CREATE TABLE coverage (
    ecosystem       TEXT NOT NULL,
    release         TEXT NOT NULL,
    entries         INTEGER NOT NULL,
    PRIMARY KEY (ecosystem, release)
);

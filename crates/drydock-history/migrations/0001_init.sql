-- The first schema of the build history.
--
-- Enum-like columns (builder, status, health) hold lower-case words that the code checks, not
-- CHECK constraints: SQLite cannot alter a constraint, so a new word would need a table rebuild.
-- Times are unix milliseconds (UTC), durations milliseconds, sizes bytes. Child rows are kept
-- in order by `position` (0-based) and go with their parent on delete.

CREATE TABLE projects (
    id   INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE builds (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    dockerfile_path TEXT NOT NULL,
    dockerfile_text TEXT NOT NULL,
    build_args      TEXT NOT NULL,    -- JSON [{"name","value"}], values masked
    tag             TEXT,
    target          TEXT,
    platform        TEXT,
    builder         TEXT NOT NULL,    -- buildkit | classic
    started_at_ms   INTEGER NOT NULL,
    duration_ms     INTEGER NOT NULL,
    status          TEXT NOT NULL,    -- succeeded | failed | cancelled
    error_message   TEXT,
    error_step      INTEGER,          -- position in steps
    error_line      INTEGER,          -- 1-based Dockerfile line
    image_id        TEXT,
    size_bytes      INTEGER,
    layer_count     INTEGER NOT NULL,
    step_count      INTEGER NOT NULL,
    cache_hits      INTEGER NOT NULL,
    lint_errors     INTEGER NOT NULL,
    lint_warnings   INTEGER NOT NULL,
    lint_infos      INTEGER NOT NULL,
    lint_styles     INTEGER NOT NULL,
    image_config    TEXT              -- JSON, so a compare still works once the image is gone
) STRICT;

-- Lists, trends and "latest successful" all read one Dockerfile's builds in time order.
CREATE INDEX builds_by_dockerfile ON builds (project_id, dockerfile_path, started_at_ms, id);

CREATE TABLE steps (
    build_id    INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    instruction TEXT NOT NULL,
    line        INTEGER,
    cached      INTEGER NOT NULL,     -- 0 | 1
    duration_ms INTEGER NOT NULL,
    size_bytes  INTEGER NOT NULL,
    PRIMARY KEY (build_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE layers (
    build_id   INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,      -- 0 is the base
    digest     TEXT,
    size_bytes INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (build_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE test_runs (
    id            INTEGER PRIMARY KEY,
    build_id      INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    started_at_ms INTEGER NOT NULL,
    duration_ms   INTEGER NOT NULL,
    passed        INTEGER NOT NULL,   -- 0 | 1
    health        TEXT NOT NULL       -- none | starting | healthy | unhealthy
) STRICT;

CREATE INDEX test_runs_by_build ON test_runs (build_id, started_at_ms);

CREATE TABLE checks (
    test_run_id INTEGER NOT NULL REFERENCES test_runs (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    passed      INTEGER NOT NULL,     -- 0 | 1
    duration_ms INTEGER NOT NULL,
    detail      TEXT NOT NULL,
    PRIMARY KEY (test_run_id, position)
) STRICT, WITHOUT ROWID;

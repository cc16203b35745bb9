use drydock_history::{
    BuildArg, BuildError, BuildStatus, Check, Health, ImageConfig, Layer, TestRun,
};

use crate::support::{sample_build, step, temp_history, MB};

const NPM_TOKEN: &str = "npm-s3cr3t-9f8e7d6c";
const GITHUB_TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
const AWS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const CURL_PASSWORD: &str = "hunter2hunter2";
const DB_PASSWORD: &str = "correct-horse-battery";
const JWT: &str =
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const KEY_BODY: &str = "MIIEpAIBAAKCAQEA75b1";
const URL_PASSWORD: &str = "pypi-pa55word";

#[test]
fn no_secret_reaches_the_file() {
    let (dir, _path, mut history) = temp_history();
    let mut new = sample_build(1);
    new.status = BuildStatus::Failed;
    new.build_args = vec![
        BuildArg {
            name: "NPM_TOKEN".into(),
            value: NPM_TOKEN.into(),
        },
        BuildArg {
            name: "DEBUG".into(),
            value: "1".into(),
        },
    ];
    new.dockerfile_text = format!(
        "FROM node:20\nARG NPM_TOKEN\nENV GITHUB_TOKEN={GITHUB_TOKEN}\n\
         RUN echo '-----BEGIN RSA PRIVATE KEY-----\n{KEY_BODY}\n-----END RSA PRIVATE KEY-----' > /k\n\
         RUN pip install --index-url https://ci:{URL_PASSWORD}@pypi.example/simple app\n"
    );
    new.error = Some(BuildError {
        message: format!("npm ERR! 401 token {NPM_TOKEN} rejected; aws {AWS_KEY}"),
        step: Some(1),
        line: Some(3),
    });
    new.steps.push(step(
        &format!("RUN curl -u admin:{CURL_PASSWORD} https://x"),
        4,
        false,
    ));
    new.layers.push(Layer {
        digest: None,
        size_bytes: MB,
        created_by: format!("RUN |2 NPM_TOKEN={NPM_TOKEN} DEBUG=1 /bin/sh -c npm ci # buildkit"),
    });
    new.image_config = Some(ImageConfig {
        env: vec![format!("DB_PASSWORD={DB_PASSWORD}"), "PORT=3000".into()],
        labels: [("ci.token".to_owned(), JWT.to_owned())].into(),
        ..Default::default()
    });
    let id = history.record_build(&new).unwrap();
    let run = TestRun {
        started_at_ms: 2,
        duration_ms: 1,
        passed: false,
        health: Health::None,
        checks: vec![Check {
            name: "GET /me".into(),
            kind: "http".into(),
            passed: false,
            duration_ms: 5,
            detail: format!("sent Authorization: Bearer {JWT}, got 401"),
        }],
    };
    history.record_test_run(id, &run).unwrap();

    let build = history.build(id).unwrap().unwrap();
    assert_eq!(build.build_args[0].name, "NPM_TOKEN", "names are kept");
    assert!(
        build.build_args.iter().all(|arg| arg.value == "***"),
        "values are masked"
    );
    assert!(
        build.dockerfile_text.contains("ENV GITHUB_TOKEN=***"),
        "{}",
        build.dockerfile_text
    );
    assert_eq!(
        build.layers[2].created_by,
        "RUN |2 NPM_TOKEN=*** DEBUG=*** /bin/sh -c npm ci # buildkit"
    );
    assert_eq!(
        build.image_config.unwrap().env,
        ["DB_PASSWORD=***", "PORT=3000"]
    );
    drop(history);

    // The database and anything SQLite left beside it (WAL, shared memory).
    let mut files = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for secret in [
            NPM_TOKEN,
            GITHUB_TOKEN,
            AWS_KEY,
            CURL_PASSWORD,
            DB_PASSWORD,
            JWT,
            KEY_BODY,
            URL_PASSWORD,
        ] {
            assert!(
                !bytes
                    .windows(secret.len())
                    .any(|window| window == secret.as_bytes()),
                "{secret} is in {}",
                path.display()
            );
        }
        files += 1;
    }
    assert!(files >= 1, "the database file was scanned");
}

//! `drydock.toml` as users write it: the full example, the defaults, and every kind of error
//! with its key and line.

use std::collections::BTreeMap;

use drydock_project::{
    defaults, parse, ConfigError, ExecCheck, HealthExpectation, HttpCheck, Project,
};

/// The one error a file has, as `(key, line, reason)`.
fn only_error(text: &str) -> (String, u32, String) {
    let errors = parse(text).expect_err("the file should not parse").0;
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let ConfigError {
        key, line, reason, ..
    } = errors.into_iter().next().unwrap();
    (key, line, reason)
}

fn error(key: &str, line: u32, reason: &str) -> (String, u32, String) {
    (key.to_owned(), line, reason.to_owned())
}

#[test]
fn the_product_example_parses() {
    let text = r#"
[image]
dockerfile = "Dockerfile"   # relative to the project folder
context = "."
tag = "myapp:dev"
target = "production"
build_args = { NODE_ENV = "production" }
[budget]
max_size_mb = 150
max_build_seconds = 120
[run]
env = { PORT = "3000" }
ports = [3000]
memory_mb = 256
cpus = 0.5
startup_timeout_s = 60
[[smoke.http]]
port = 3000
path = "/health"
expect_status = 200
expect_body_contains = "ok"
[[smoke.exec]]
command = ["node", "--version"]
expect_exit = 0
expect_stdout_contains = "v20"
[smoke.expect]
user_not_root = true
healthcheck = "healthy"     # healthy | none | any
"#;
    let project = parse(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.image.dockerfile.to_str(), Some("Dockerfile"));
    assert_eq!(project.image.context.to_str(), Some("."));
    assert_eq!(project.image.tag.as_deref(), Some("myapp:dev"));
    assert_eq!(project.image.target.as_deref(), Some("production"));
    assert_eq!(
        project.image.build_args,
        BTreeMap::from([("NODE_ENV".to_owned(), "production".to_owned())])
    );
    assert_eq!(project.budget.max_size_mb, Some(150.0));
    assert_eq!(project.budget.max_build_seconds, Some(120.0));
    assert_eq!(
        project.run.env,
        BTreeMap::from([("PORT".to_owned(), "3000".to_owned())])
    );
    assert_eq!(project.run.ports, [3000]);
    assert_eq!(project.run.memory_mb, 256);
    assert_eq!(project.run.cpus, 0.5);
    assert_eq!(project.run.pids, defaults::PIDS);
    assert_eq!(project.run.startup_timeout_s, 60);
    assert_eq!(
        project.smoke.http,
        [HttpCheck {
            port: 3000,
            path: "/health".into(),
            expect_status: 200,
            expect_body_contains: Some("ok".into()),
            timeout_s: defaults::HTTP_TIMEOUT_S,
        }]
    );
    assert_eq!(
        project.smoke.exec,
        [ExecCheck {
            command: vec!["node".into(), "--version".into()],
            expect_exit: 0,
            expect_stdout_contains: Some("v20".into()),
            timeout_s: defaults::EXEC_TIMEOUT_S,
        }]
    );
    assert!(project.smoke.expect.user_not_root);
    assert_eq!(project.smoke.expect.healthcheck, HealthExpectation::Healthy);
}

#[test]
fn an_empty_file_is_the_default_project() {
    let project = parse("").unwrap();
    assert_eq!(project, Project::default());
    assert_eq!(
        project.image.dockerfile.to_str(),
        Some(defaults::DOCKERFILE)
    );
    assert_eq!(project.run.memory_mb, defaults::MEMORY_MB);
    assert_eq!(project.run.cpus, defaults::CPUS);
    assert_eq!(project.run.startup_timeout_s, defaults::STARTUP_TIMEOUT_S);
    assert!(project.smoke.expect.user_not_root);
    assert_eq!(project.smoke.expect.healthcheck, HealthExpectation::Any);
    assert_eq!(project.budget.max_size_mb, None);
}

#[test]
fn optional_keys_of_the_checks_take_their_defaults() {
    let text = "[run]\nports = [80, 8080]\n\
                [[smoke.http]]\nport = 8080\n\
                [[smoke.http]]\nport = 80\npath = \"/ready\"\ntimeout_s = 3\n\
                [[smoke.exec]]\ncommand = [\"true\"]\n\
                [smoke.expect]\nhealthcheck = \"none\"\nuser_not_root = false\nexposed_ports = [8080, 80]\n";
    let project = parse(text).unwrap_or_else(|e| panic!("{e}"));
    let http = &project.smoke.http;
    assert_eq!(
        (http[0].port, http[0].path.as_str()),
        (8080, defaults::HTTP_PATH)
    );
    assert_eq!(http[0].expect_status, defaults::HTTP_STATUS);
    assert_eq!(
        (http[1].port, http[1].path.as_str(), http[1].timeout_s),
        (80, "/ready", 3)
    );
    assert_eq!(project.smoke.exec[0].expect_exit, defaults::EXEC_EXIT);
    assert_eq!(project.smoke.exec[0].expect_stdout_contains, None);
    assert_eq!(project.smoke.expect.healthcheck, HealthExpectation::None);
    assert!(!project.smoke.expect.user_not_root);
    assert_eq!(project.smoke.expect.exposed_ports, [80, 8080]);
}

#[test]
fn floats_and_integers_are_both_numbers() {
    let project = parse("[run]\ncpus = 2\n[budget]\nmax_size_mb = 0.5\n").unwrap();
    assert_eq!(project.run.cpus, 2.0);
    assert_eq!(project.budget.max_size_mb, Some(0.5));
}

#[test]
fn a_toml_syntax_error_has_its_line() {
    let (key, line, reason) = only_error("[run]\nmemory_mb = 256\ncpus = \n");
    assert_eq!((key.as_str(), line), ("", 3));
    assert!(reason.contains("expected"), "{reason}");
}

#[test]
fn a_key_set_twice_is_a_syntax_error() {
    let (_, line, reason) = only_error("[run]\ncpus = 1\ncpus = 2\n");
    assert_eq!(line, 3);
    assert!(reason.contains("duplicate"), "{reason}");
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    assert_eq!(
        only_error("[run]\nmemroy_mb = 256\n"),
        error(
            "run.memroy_mb",
            2,
            "unknown key (did you mean `memory_mb`?)"
        )
    );
    assert_eq!(
        only_error("\n[images]\ntag = \"x\"\n"),
        error("images", 2, "unknown key (did you mean `image`?)")
    );
}

#[test]
fn unknown_keys_far_from_any_list_what_is_known() {
    assert_eq!(
        only_error("[budget]\nvolumes = 1\n"),
        error(
            "budget.volumes",
            2,
            "unknown key (expected one of: max_size_mb, max_build_seconds)"
        )
    );
}

#[test]
fn unknown_keys_inside_checks_name_the_check() {
    let text = "[run]\nports = [80]\n[[smoke.http]]\nport = 80\n[[smoke.http]]\nport = 80\nexpect_stauts = 204\n";
    assert_eq!(
        only_error(text),
        error(
            "smoke.http[1].expect_stauts",
            7,
            "unknown key (did you mean `expect_status`?)"
        )
    );
}

#[test]
fn wrong_types_say_what_was_expected() {
    assert_eq!(
        only_error("[run]\ncpus = \"half\"\n"),
        error("run.cpus", 2, "expected a number, found a string")
    );
    assert_eq!(
        only_error("[run]\nenv = { PORT = 3000 }\n"),
        error("run.env.PORT", 2, "expected a string, found an integer")
    );
    assert_eq!(
        only_error("run = 3\n"),
        error("run", 1, "expected a table, found an integer")
    );
    assert_eq!(
        only_error("[smoke.expect]\nuser_not_root = \"yes\"\n"),
        error(
            "smoke.expect.user_not_root",
            2,
            "expected true or false, found a string"
        )
    );
    assert_eq!(
        only_error("[[smoke.exec]]\ncommand = \"node --version\"\n"),
        error(
            "smoke.exec[0].command",
            2,
            "expected an array of strings, found a string"
        )
    );
    assert_eq!(
        only_error("[run]\nports = [\"80\"]\n"),
        error("run.ports[0]", 2, "expected a port number, found a string")
    );
    assert_eq!(
        only_error("[run]\nmemory_mb = 25.5\n"),
        error("run.memory_mb", 2, "expected an integer, found a float")
    );
}

#[test]
fn a_single_check_table_must_be_an_array_of_tables() {
    assert_eq!(
        only_error("[run]\nports = [80]\n[smoke.http]\nport = 80\n"),
        error(
            "smoke.http",
            3,
            "expected an array of tables ([[smoke.http]]), found a table"
        )
    );
}

#[test]
fn numbers_out_of_range_are_errors() {
    assert_eq!(
        only_error("[run]\ncpus = 0\n"),
        error("run.cpus", 2, "must be more than 0")
    );
    assert_eq!(
        only_error("[run]\ncpus = -0.5\n"),
        error("run.cpus", 2, "must be more than 0")
    );
    assert_eq!(
        only_error("[run]\ncpus = nan\n"),
        error("run.cpus", 2, "must be more than 0")
    );
    assert_eq!(
        only_error("[budget]\nmax_size_mb = 0\n"),
        error("budget.max_size_mb", 2, "must be more than 0")
    );
    assert_eq!(
        only_error("[run]\nmemory_mb = 4\n"),
        error("run.memory_mb", 2, "must be from 6 to 1048576")
    );
    assert_eq!(
        only_error("[run]\npids = 0\n"),
        error("run.pids", 2, "must be from 1 to 4194304")
    );
    assert_eq!(
        only_error("[run]\nstartup_timeout_s = 0\n"),
        error("run.startup_timeout_s", 2, "must be from 1 to 600")
    );
    assert_eq!(
        only_error("[run]\nports = [80]\n[[smoke.http]]\nport = 80\nexpect_status = 999\n"),
        error("smoke.http[0].expect_status", 5, "must be from 100 to 599")
    );
    assert_eq!(
        only_error("[[smoke.exec]]\ncommand = [\"false\"]\nexpect_exit = 256\n"),
        error("smoke.exec[0].expect_exit", 3, "must be from 0 to 255")
    );
}

#[test]
fn ports_are_from_1_to_65535_and_listed_once() {
    assert_eq!(
        only_error("[run]\nports = [80, 70000]\n"),
        error("run.ports[1]", 2, "must be from 1 to 65535")
    );
    assert_eq!(
        only_error("[run]\nports = [\n  0,\n]\n"),
        error("run.ports[0]", 3, "must be from 1 to 65535")
    );
    assert_eq!(
        only_error("[run]\nports = [80, 443, 80]\n"),
        error("run.ports[2]", 2, "port 80 is listed twice")
    );
}

#[test]
fn an_http_check_on_an_unpublished_port_is_an_error() {
    assert_eq!(
        only_error("[run]\nports = [80]\n\n[[smoke.http]]\nport = 8080\n"),
        error(
            "smoke.http[0].port",
            5,
            "port 8080 is not in run.ports, so it is not published: add it there"
        )
    );
    // Also when [run] comes after the checks, or is missing.
    assert_eq!(
        only_error("[[smoke.http]]\nport = 80\n").0,
        "smoke.http[0].port"
    );
    assert!(parse("[[smoke.http]]\nport = 80\n[run]\nports = [80]\n").is_ok());
}

#[test]
fn required_keys_are_reported_at_their_table() {
    assert_eq!(
        only_error("[run]\nports = [80]\n[[smoke.http]]\npath = \"/\"\n"),
        error("smoke.http[0].port", 3, "missing, it is required")
    );
    assert_eq!(
        only_error("[[smoke.exec]]\nexpect_exit = 1\n"),
        error("smoke.exec[0].command", 1, "missing, it is required")
    );
}

#[test]
fn empty_values_where_a_value_is_needed_are_errors() {
    assert_eq!(
        only_error("[[smoke.exec]]\ncommand = []\n"),
        error("smoke.exec[0].command", 2, "must name a program to run")
    );
    assert_eq!(
        only_error("[[smoke.exec]]\ncommand = [\"\"]\n"),
        error("smoke.exec[0].command[0]", 2, "must not be empty")
    );
    assert_eq!(
        only_error("[image]\ntag = \"\"\n"),
        error("image.tag", 2, "must not be empty")
    );
    assert_eq!(
        only_error("[image]\nbuild_args = { \"A=B\" = \"c\" }\n"),
        error(
            "image.build_args.A=B",
            2,
            "a name may not be empty or contain `=`"
        )
    );
}

#[test]
fn words_and_paths_must_be_valid() {
    assert_eq!(
        only_error("[smoke.expect]\nhealthcheck = \"yes\"\n"),
        error(
            "smoke.expect.healthcheck",
            2,
            "must be \"healthy\", \"none\" or \"any\""
        )
    );
    assert_eq!(
        only_error("[run]\nports = [80]\n[[smoke.http]]\nport = 80\npath = \"health\"\n"),
        error("smoke.http[0].path", 5, "must start with `/`")
    );
}

#[test]
fn every_error_is_reported_in_file_order() {
    let text = "[smoke.expect]\nhealthcheck = 1\n[run]\ncpus = 0\nmemory = 1\n";
    let errors = parse(text).unwrap_err();
    let found: Vec<(&str, u32)> = errors.iter().map(|e| (e.key.as_str(), e.line)).collect();
    assert_eq!(
        found,
        [
            ("smoke.expect.healthcheck", 2),
            ("run.cpus", 4),
            ("run.memory", 5)
        ]
    );
    assert_eq!(
        errors.to_string(),
        "line 2: smoke.expect.healthcheck: expected a string, found an integer\n\
         line 4: run.cpus: must be more than 0\n\
         line 5: run.memory: unknown key (did you mean `memory_mb`?)"
    );
}

#[test]
fn errors_carry_a_column_and_a_byte_span() {
    let text = "[run]\n  cpus = 0\n";
    let e = &parse(text).unwrap_err().0[0];
    assert_eq!((e.line, e.column), (2, 10));
    assert_eq!(&text[e.span.clone()], "0");
}

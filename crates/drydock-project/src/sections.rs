//! One function per section of `drydock.toml`, each starting from the defaults and replacing
//! what the file sets.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::model::{
    Budget, ExecCheck, Expectations, HealthExpectation, HttpCheck, ImageSettings, RunSettings,
    Smoke,
};
use crate::read::{Field, Reader};

/// The daemon refuses less than 6 MB of memory.
const MIN_MEMORY_MB: i64 = 6;
/// A terabyte: more is a typo, and keeps the byte count far from overflowing.
const MAX_MEMORY_MB: i64 = 1 << 20;
/// Linux's highest possible pid limit (`PID_MAX_LIMIT`).
const MAX_PIDS: i64 = 4_194_304;
/// Ten minutes: a check or a start-up that takes longer is a hang, not a slow server.
const MAX_TIMEOUT_S: i64 = 600;

pub(crate) fn image(r: &mut Reader, field: &Field) -> ImageSettings {
    let mut image = ImageSettings::default();
    let Some(mut t) = r.table(field) else {
        return image;
    };
    if let Some(path) = t.get("dockerfile").and_then(|f| r.text(&f)) {
        image.dockerfile = path.into();
    }
    if let Some(path) = t.get("context").and_then(|f| r.text(&f)) {
        image.context = path.into();
    }
    image.tag = t.get("tag").and_then(|f| r.text(&f));
    image.target = t.get("target").and_then(|f| r.text(&f));
    if let Some(f) = t.get("build_args") {
        image.build_args = r.string_map(&f);
    }
    t.finish(r);
    image
}

pub(crate) fn budget(r: &mut Reader, field: &Field) -> Budget {
    let mut budget = Budget::default();
    let Some(mut t) = r.table(field) else {
        return budget;
    };
    budget.max_size_mb = t.get("max_size_mb").and_then(|f| r.positive_number(&f));
    budget.max_build_seconds = t
        .get("max_build_seconds")
        .and_then(|f| r.positive_number(&f));
    t.finish(r);
    budget
}

pub(crate) fn run(r: &mut Reader, field: &Field) -> RunSettings {
    let mut run = RunSettings::default();
    let Some(mut t) = r.table(field) else {
        return run;
    };
    if let Some(f) = t.get("env") {
        run.env = r.string_map(&f);
    }
    if let Some(f) = t.get("ports") {
        run.ports = port_set(r, &f);
    }
    if let Some(mb) = t
        .get("memory_mb")
        .and_then(|f| r.integer(&f, MIN_MEMORY_MB, MAX_MEMORY_MB))
    {
        run.memory_mb = mb as u64;
    }
    if let Some(cpus) = t.get("cpus").and_then(|f| r.positive_number(&f)) {
        run.cpus = cpus;
    }
    if let Some(pids) = t.get("pids").and_then(|f| r.integer(&f, 1, MAX_PIDS)) {
        run.pids = pids as u32;
    }
    if let Some(s) = t
        .get("startup_timeout_s")
        .and_then(|f| r.integer(&f, 1, MAX_TIMEOUT_S))
    {
        run.startup_timeout_s = s as u64;
    }
    t.finish(r);
    run
}

/// A list of distinct ports, sorted.
fn port_set(r: &mut Reader, field: &Field) -> Vec<u16> {
    let mut ports = BTreeSet::new();
    for item in r.array(field, "an array of ports").unwrap_or_default() {
        if let Some(port) = r.port(&item) {
            if !ports.insert(port) {
                r.error(
                    &item.key,
                    item.span(),
                    format!("port {port} is listed twice"),
                );
            }
        }
    }
    ports.into_iter().collect()
}

/// A port an http check uses, to be checked against `run.ports` once all sections are read.
pub(crate) struct UsedPort {
    pub key: String,
    pub span: Range<usize>,
    pub port: u16,
}

pub(crate) fn smoke(r: &mut Reader, field: &Field, used: &mut Vec<UsedPort>) -> Smoke {
    let mut smoke = Smoke::default();
    let Some(mut t) = r.table(field) else {
        return smoke;
    };
    if let Some(f) = t.get("http") {
        let checks = r.array(&f, "an array of tables ([[smoke.http]])");
        smoke.http = checks
            .unwrap_or_default()
            .iter()
            .filter_map(|check| http(r, check, used))
            .collect();
    }
    if let Some(f) = t.get("exec") {
        let checks = r.array(&f, "an array of tables ([[smoke.exec]])");
        smoke.exec = checks
            .unwrap_or_default()
            .iter()
            .filter_map(|check| exec(r, check))
            .collect();
    }
    if let Some(f) = t.get("expect") {
        smoke.expect = expect(r, &f);
    }
    t.finish(r);
    smoke
}

fn http(r: &mut Reader, field: &Field, used: &mut Vec<UsedPort>) -> Option<HttpCheck> {
    let mut t = r.table(field)?;
    let port_field = t.require(r, "port");
    let port = port_field.as_ref().and_then(|f| r.port(f));
    if let (Some(f), Some(port)) = (&port_field, port) {
        used.push(UsedPort {
            key: f.key.clone(),
            span: f.span(),
            port,
        });
    }
    let mut check = HttpCheck {
        port: port.unwrap_or_default(),
        path: crate::defaults::HTTP_PATH.to_owned(),
        expect_status: crate::defaults::HTTP_STATUS,
        expect_body_contains: None,
        timeout_s: crate::defaults::HTTP_TIMEOUT_S,
    };
    if let Some(f) = t.get("path") {
        match r.string(&f) {
            Some(path) if path.starts_with('/') => check.path = path,
            Some(_) => r.error(&f.key, f.span(), "must start with `/`"),
            None => {}
        }
    }
    if let Some(status) = t.get("expect_status").and_then(|f| r.integer(&f, 100, 599)) {
        check.expect_status = status as u16;
    }
    check.expect_body_contains = t.get("expect_body_contains").and_then(|f| r.text(&f));
    if let Some(s) = t
        .get("timeout_s")
        .and_then(|f| r.integer(&f, 1, MAX_TIMEOUT_S))
    {
        check.timeout_s = s as u64;
    }
    t.finish(r);
    port.map(|_| check)
}

fn exec(r: &mut Reader, field: &Field) -> Option<ExecCheck> {
    let mut t = r.table(field)?;
    let command = t.require(r, "command").and_then(|f| {
        let command = r.string_list(&f)?;
        if command.is_empty() {
            r.error(&f.key, f.span(), "must name a program to run");
            return None;
        }
        Some(command)
    });
    let mut check = ExecCheck {
        command: Vec::new(),
        expect_exit: crate::defaults::EXEC_EXIT,
        expect_stdout_contains: None,
        timeout_s: crate::defaults::EXEC_TIMEOUT_S,
    };
    if let Some(code) = t.get("expect_exit").and_then(|f| r.integer(&f, 0, 255)) {
        check.expect_exit = code;
    }
    check.expect_stdout_contains = t.get("expect_stdout_contains").and_then(|f| r.text(&f));
    if let Some(s) = t
        .get("timeout_s")
        .and_then(|f| r.integer(&f, 1, MAX_TIMEOUT_S))
    {
        check.timeout_s = s as u64;
    }
    t.finish(r);
    check.command = command?;
    Some(check)
}

fn expect(r: &mut Reader, field: &Field) -> Expectations {
    let mut expect = Expectations::default();
    let Some(mut t) = r.table(field) else {
        return expect;
    };
    if let Some(b) = t.get("user_not_root").and_then(|f| r.boolean(&f)) {
        expect.user_not_root = b;
    }
    if let Some(f) = t.get("healthcheck") {
        let choices = [
            HealthExpectation::Healthy,
            HealthExpectation::None,
            HealthExpectation::Any,
        ];
        if let Some(word) = r.string(&f) {
            match choices.into_iter().find(|c| c.as_str() == word) {
                Some(choice) => expect.healthcheck = choice,
                None => r.error(&f.key, f.span(), "must be \"healthy\", \"none\" or \"any\""),
            }
        }
    }
    if let Some(f) = t.get("exposed_ports") {
        expect.exposed_ports = port_set(r, &f);
    }
    t.finish(r);
    expect
}

//! The checks that need only the image's inspect: the budgets, the HEALTHCHECK's presence, the
//! exposed ports, and who the image runs as.

use std::time::Duration;

use drydock_project::{Budget, HealthExpectation};

use super::verdict::{seconds, Verdict};
use crate::inspect::{Healthcheck, ImageConfig};

/// The image's HEALTHCHECK command; `None` without one or with `HEALTHCHECK NONE`.
pub(crate) fn healthcheck_test(config: &ImageConfig) -> Option<&[String]> {
    match &config.healthcheck {
        Some(Healthcheck::Check { test, .. }) => Some(test),
        Some(Healthcheck::Disabled) | None => None,
    }
}

/// Megabytes as `docker images` counts them.
const MB: f64 = 1e6;

pub(crate) fn size_budget(size_bytes: u64, budget: &Budget) -> Option<Verdict> {
    let max = budget.max_size_mb?;
    let size = size_bytes as f64 / MB;
    Some(if size <= max {
        Verdict::passed(format!("{size:.2} MB, within {max} MB"))
    } else {
        Verdict::failed(format!(
            "{size:.2} MB, over the budget of {max} MB by {:.2} MB",
            size - max
        ))
    })
}

pub(crate) fn build_time_budget(build: Option<Duration>, budget: &Budget) -> Option<Verdict> {
    let max = budget.max_build_seconds?;
    let Some(build) = build else {
        return Some(Verdict::skipped("the image was not built in this run"));
    };
    Some(if build.as_secs_f64() <= max {
        Verdict::passed(format!("built in {}, within {max} s", seconds(build)))
    } else {
        Verdict::failed(format!(
            "built in {}, over the budget of {max} s",
            seconds(build)
        ))
    })
}

/// Whether the image has or lacks a HEALTHCHECK as `smoke.expect.healthcheck` asks; `None`
/// when it does not care (`any`).
pub(crate) fn healthcheck_presence(
    healthcheck: Option<&[String]>,
    expected: HealthExpectation,
) -> Option<Verdict> {
    let shown = healthcheck.map(|test| test.join(" "));
    match (expected, shown) {
        (HealthExpectation::Any, _) => None,
        (HealthExpectation::Healthy, Some(test)) => Some(Verdict::passed(test)),
        (HealthExpectation::Healthy, None) => Some(Verdict::failed(
            "the image has no HEALTHCHECK (smoke.expect.healthcheck = \"healthy\")",
        )),
        (HealthExpectation::None, None) => Some(Verdict::passed("no HEALTHCHECK")),
        (HealthExpectation::None, Some(test)) => Some(Verdict::failed(format!(
            "the image has a HEALTHCHECK ({test}) but smoke.expect.healthcheck = \"none\""
        ))),
    }
}

/// Whether the image declares every expected port; `None` when none is expected.
pub(crate) fn exposed_ports(exposed: &[String], expected: &[u16]) -> Option<Verdict> {
    if expected.is_empty() {
        return None;
    }
    let missing: Vec<String> = expected
        .iter()
        .map(|p| format!("{p}/tcp"))
        .filter(|p| !exposed.contains(p))
        .collect();
    let declared = if exposed.is_empty() {
        "none".to_owned()
    } else {
        exposed.join(", ")
    };
    Some(if missing.is_empty() {
        Verdict::passed(format!("exposed: {declared}"))
    } else {
        Verdict::failed(format!(
            "not exposed: {}; the image exposes {declared}",
            missing.join(", ")
        ))
    })
}

/// Who the image's `USER` makes the container run as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ImageUser {
    /// No USER, `root` or uid 0; the detail says which.
    Root(String),
    /// A uid other than 0.
    Uid(u32),
    /// A user name other than root: its uid is only known inside the container.
    Name(String),
}

/// Reads `USER name[:group]` or `USER uid[:gid]`. Like Kubernetes' `runAsNonRoot`, this
/// trusts the image's config: an image without USER runs as root even when its entrypoint
/// drops privileges later, because nothing outside the entrypoint can tell.
pub(crate) fn image_user(user: Option<&str>) -> ImageUser {
    let user = user.unwrap_or_default();
    let name = user.split(':').next().unwrap_or_default().trim();
    match name {
        "" => ImageUser::Root("the image sets no USER, so it runs as root".into()),
        "root" => ImageUser::Root("USER root".into()),
        _ => match name.parse::<u32>() {
            Ok(0) => ImageUser::Root(format!("USER {user} is uid 0")),
            Ok(uid) => ImageUser::Uid(uid),
            Err(_) => ImageUser::Name(name.to_owned()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_budget_in_megabytes() {
        let budget = |mb| Budget {
            max_size_mb: Some(mb),
            max_build_seconds: None,
        };
        assert_eq!(size_budget(1_990_000, &Budget::default()), None);
        assert_eq!(
            size_budget(1_990_000, &budget(150.0)),
            Some(Verdict::passed("1.99 MB, within 150 MB"))
        );
        assert_eq!(
            size_budget(1_990_000, &budget(0.5)),
            Some(Verdict::failed(
                "1.99 MB, over the budget of 0.5 MB by 1.49 MB"
            ))
        );
    }

    #[test]
    fn build_time_budget_needs_a_build() {
        let budget = Budget {
            max_size_mb: None,
            max_build_seconds: Some(2.0),
        };
        let fast = Some(Duration::from_millis(1500));
        let slow = Some(Duration::from_secs(3));
        assert_eq!(build_time_budget(fast, &Budget::default()), None);
        assert_eq!(
            build_time_budget(fast, &budget),
            Some(Verdict::passed("built in 1.5 s, within 2 s"))
        );
        assert_eq!(
            build_time_budget(slow, &budget),
            Some(Verdict::failed("built in 3.0 s, over the budget of 2 s"))
        );
        assert_eq!(
            build_time_budget(None, &budget).unwrap().outcome,
            super::super::report::Outcome::Skipped
        );
    }

    #[test]
    fn healthcheck_presence_follows_the_expectation() {
        let test = vec!["CMD-SHELL".to_owned(), "wget -q localhost".to_owned()];
        let some = Some(test.as_slice());
        assert_eq!(healthcheck_presence(some, HealthExpectation::Any), None);
        assert_eq!(healthcheck_presence(None, HealthExpectation::Any), None);
        assert_eq!(
            healthcheck_presence(some, HealthExpectation::Healthy),
            Some(Verdict::passed("CMD-SHELL wget -q localhost"))
        );
        assert!(healthcheck_presence(None, HealthExpectation::Healthy)
            .unwrap()
            .detail
            .contains("no HEALTHCHECK"));
        assert_eq!(
            healthcheck_presence(None, HealthExpectation::None),
            Some(Verdict::passed("no HEALTHCHECK"))
        );
        assert_eq!(
            healthcheck_presence(some, HealthExpectation::None)
                .unwrap()
                .outcome,
            super::super::report::Outcome::Failed
        );
    }

    #[test]
    fn exposed_ports_lists_what_is_missing() {
        let exposed = vec!["8080/tcp".to_owned(), "9090/tcp".to_owned()];
        assert_eq!(exposed_ports(&exposed, &[]), None);
        assert_eq!(
            exposed_ports(&exposed, &[8080]),
            Some(Verdict::passed("exposed: 8080/tcp, 9090/tcp"))
        );
        assert_eq!(
            exposed_ports(&exposed, &[3000, 8080]),
            Some(Verdict::failed(
                "not exposed: 3000/tcp; the image exposes 8080/tcp, 9090/tcp"
            ))
        );
        assert_eq!(
            exposed_ports(&[], &[80]),
            Some(Verdict::failed(
                "not exposed: 80/tcp; the image exposes none"
            ))
        );
    }

    #[test]
    fn image_users() {
        assert!(matches!(image_user(None), ImageUser::Root(_)));
        assert!(matches!(image_user(Some("root")), ImageUser::Root(_)));
        assert!(matches!(image_user(Some("root:app")), ImageUser::Root(_)));
        assert!(matches!(image_user(Some("0:0")), ImageUser::Root(_)));
        assert_eq!(image_user(Some("10001")), ImageUser::Uid(10001));
        assert_eq!(image_user(Some("10001:10001")), ImageUser::Uid(10001));
        assert_eq!(image_user(Some("app:app")), ImageUser::Name("app".into()));
    }

    #[test]
    fn a_disabled_healthcheck_is_none() {
        let with = |healthcheck| ImageConfig {
            healthcheck,
            ..ImageConfig::default()
        };
        let check = Healthcheck::Check {
            test: vec!["CMD".into(), "true".into()],
            interval_ms: None,
            timeout_ms: None,
            start_period_ms: None,
            start_interval_ms: None,
            retries: None,
        };
        let expected = ["CMD".to_owned(), "true".to_owned()];
        assert_eq!(healthcheck_test(&with(Some(check))), Some(&expected[..]));
        assert_eq!(healthcheck_test(&with(Some(Healthcheck::Disabled))), None);
        assert_eq!(healthcheck_test(&with(None)), None);
    }
}

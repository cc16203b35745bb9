use drydock_syntax::Kind;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3011",
    name: "port-out-of-range",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags an `EXPOSE` port (or port range end) above 65535.

## Why is this bad?
TCP and UDP ports are 16-bit numbers. A larger number is a typo, and the image documents a
port nothing can listen on.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80800
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 8080
```

## References
hadolint DL3011.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::Expose(ports) = &instruction.kind else {
            continue;
        };
        for port in ports {
            if out_of_range(&port.value) {
                out.add(port.span, "Valid UNIX ports range from 0 to 65535");
            }
        }
    }
}

/// `80`, `80/tcp`, `8000-9000/udp`: whether a number in it is above 65535. Words with
/// variables or other text are left to the syntax checks.
fn out_of_range(port: &str) -> bool {
    let numbers = port.split('/').next().unwrap_or(port);
    numbers.split('-').any(|n| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.parse::<u16>().is_err()
    })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_ports_above_65535() {
        assert_lines("DL3011", "FROM nginx:1\nEXPOSE 80 65536\n", &[2]);
        assert_lines("DL3011", "FROM nginx:1\nEXPOSE 70000/tcp\n", &[2]);
        assert_lines("DL3011", "FROM nginx:1\nEXPOSE 8000-70000/udp\n", &[2]);
        assert_lines("DL3011", "FROM nginx:1\nEXPOSE 99999999999999999999\n", &[2]);
    }

    #[test]
    fn accepts_valid_and_unknown_ports() {
        assert_clean("DL3011", "FROM nginx:1\nEXPOSE 0 80/tcp 65535 8000-9000/udp\n");
        assert_clean("DL3011", "FROM nginx:1\nEXPOSE ${PORT} $OTHER/tcp\n");
    }
}

use drydock_syntax::{Kind, Word};

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD027",
    name: "invalid-expose-format",
    aliases: &["ExposeInvalidFormat", "ExposeProtoCasing"],
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags an `EXPOSE` port written with an IP address or a host port (`127.0.0.1:80:80`,
`8080:80`), and one whose protocol is not lower case (`80/TCP`).

## Why is this bad?
`EXPOSE` only documents the ports the container listens on; publishing, and choosing a host
address or port, happens at `docker run -p`. A host part in `EXPOSE` is ignored (BuildKit
warns it will become an error), and misleads the reader into thinking the port is published.
Protocols are lower case (`tcp`, `udp`, `sctp`); other spellings are accepted today but
inconsistent.

## Example
```dockerfile
FROM nginx:1.27-alpine
EXPOSE 127.0.0.1:8080:80/TCP
```

## Use instead
```dockerfile
FROM nginx:1.27-alpine
EXPOSE 80/tcp
```

## Fix safety
Safe: the port is rewritten as the container port (the part after the last `:`) with its
protocol in lower case, which is what Docker records in the image anyway.

## References
BuildKit checks `ExposeInvalidFormat` and `ExposeProtoCasing`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for instruction in &cx.dockerfile.instructions {
        let ports = match &instruction.kind {
            Kind::Expose(ports) => ports,
            Kind::Onbuild(inner) => match &inner.kind {
                Kind::Expose(ports) => ports,
                _ => continue,
            },
            _ => continue,
        };
        for port in ports {
            check_port(port, out);
        }
    }
}

fn check_port(port: &Word, out: &mut Report) {
    let value = port.value.as_str();
    let (address, protocol) = match value.split_once('/') {
        Some((address, protocol)) => (address, Some(protocol)),
        None => (value, None),
    };
    // `${PORT:-80}` holds a `:` that is not a host mapping.
    let mapped = !address.contains('$') && address.contains(':');
    let bad_case = protocol.filter(|p| !p.contains('$') && *p != p.to_ascii_lowercase());
    if !mapped && bad_case.is_none() {
        return;
    }
    let container = if mapped {
        address.rsplit(':').next().unwrap_or(address)
    } else {
        address
    };
    let fixed = match protocol {
        Some(p) if !p.contains('$') => format!("{container}/{}", p.to_ascii_lowercase()),
        Some(p) => format!("{container}/{p}"),
        None => container.to_owned(),
    };
    let message = if mapped {
        format!(
            "`EXPOSE {value}` names a host address or port: expose the container port \
             `{fixed}` and publish with `docker run -p`"
        )
    } else {
        format!("protocol in `EXPOSE {value}` should be lower case: write `{fixed}`")
    };
    out.add_with_fix(
        port.span,
        message,
        Fix::safe(
            format!("write `{fixed}`"),
            vec![Edit::replace(port.span, fixed)],
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn host_mappings_and_protocol_casing() {
        assert_lines(
            "DD027",
            "FROM x\nEXPOSE 127.0.0.1:80:80\nEXPOSE 8080:80 443\nEXPOSE 53/UDP\nEXPOSE 80/tcp 81\n",
            &[2, 3, 4],
        );
        assert_clean(
            "DD027",
            "FROM x\nEXPOSE 80 443/tcp 53/udp 8000-8010/tcp ${PORT:-80}\n",
        );
        assert_clean("DD027", "FROM x\nEXPOSE $PORT/$PROTO\n");
    }

    #[test]
    fn fixes() {
        assert_fix(
            "DD027",
            "FROM x\nEXPOSE 127.0.0.1:8080:80/TCP 443/Tcp\nEXPOSE 9000:9090\n",
            "FROM x\nEXPOSE 80/tcp 443/tcp\nEXPOSE 9090\n",
        );
    }

    #[test]
    fn messages() {
        let found = findings("DD027", "FROM x\nEXPOSE 80:8080/udp 53/UDP\n");
        assert_eq!(
            found[0].message,
            "`EXPOSE 80:8080/udp` names a host address or port: expose the container port \
             `8080/udp` and publish with `docker run -p`"
        );
        assert_eq!(
            found[1].message,
            "protocol in `EXPOSE 53/UDP` should be lower case: write `53/udp`"
        );
    }
}

//! Whether an image looks like a long-running service (a server that should carry a
//! HEALTHCHECK) rather than a tool, a build stage or a batch job.

use drydock_syntax::{Base, CommandForm, Dockerfile, Kind};

use crate::stages::{image_instructions, root_base};

/// Programs that are servers whatever their arguments.
const SERVERS: &[&str] = &[
    "apache2",
    "apache2-foreground",
    "apachectl",
    "caddy",
    "catalina.sh",
    "coredns",
    "daphne",
    "elasticsearch",
    "envoy",
    "etcd",
    "gunicorn",
    "granian",
    "grafana-server",
    "h2o",
    "haproxy",
    "http-server",
    "httpd",
    "httpd-foreground",
    "hypercorn",
    "influxd",
    "jetty",
    "kibana",
    "kong",
    "lighttpd",
    "live-server",
    "mariadbd",
    "memcached",
    "mongod",
    "mysqld",
    "nats-server",
    "nginx",
    "node-red",
    "php-fpm",
    "postgres",
    "prometheus",
    "puma",
    "rabbitmq-server",
    "redis-server",
    "sshd",
    "supervisord",
    "traefik",
    "unicorn",
    "uvicorn",
    "varnishd",
    "waitress-serve",
];

/// Subcommands (or script names) that start a server: `app serve`, `hugo server`,
/// `flask run`, `manage.py runserver`, `consul agent`, `npm start`.
const SERVE_WORDS: &[&str] = &["agent", "run", "runserver", "serve", "server", "start"];

/// Flags that give a server its address.
const ADDRESS_FLAGS: &[&str] = &[
    "--addr",
    "--bind",
    "--host",
    "--http-port",
    "--listen",
    "--port",
];

/// Commands that run the command in their arguments.
const WRAPPERS: &[&str] = &[
    "dumb-init",
    "env",
    "exec",
    "gosu",
    "nohup",
    "su-exec",
    "tini",
];

/// Runners whose `run`/`exec` subcommand starts another program (`poetry run gunicorn`).
const RUNNERS: &[&str] = &["bundle", "pipenv", "poetry", "uv"];

/// Script file names (without extension) that usually start a server under an interpreter.
const SERVER_SCRIPTS: &[&str] = &["api", "app", "index", "main", "server", "start", "www"];

/// Images (last path component) whose default command is a server.
const SERVER_IMAGES: &[&str] = &[
    "caddy",
    "consul",
    "elasticsearch",
    "envoy",
    "ghost",
    "grafana",
    "haproxy",
    "httpd",
    "influxdb",
    "jenkins",
    "jetty",
    "keycloak",
    "kong",
    "mariadb",
    "memcached",
    "minio",
    "mongo",
    "mysql",
    "nats",
    "nextcloud",
    "nginx",
    "postgres",
    "prometheus",
    "rabbitmq",
    "redis",
    "registry",
    "sonarqube",
    "tomcat",
    "traefik",
    "vault",
    "wordpress",
];

/// Whether the image built by the file's final stage looks like a service: it EXPOSEs a port,
/// its CMD/ENTRYPOINT starts a server, or it keeps the default command of a server image.
pub(crate) fn final_image_is_service(df: &Dockerfile) -> bool {
    let Some(stage) = df.final_stage() else {
        return false;
    };
    let image = image_instructions(df, stage);
    let last = |want: fn(&Kind) -> bool| image.iter().rev().map(|(_, i)| &i.kind).find(|k| want(k));
    if last(|k| matches!(k, Kind::Expose(_))).is_some() {
        return true;
    }
    let entrypoint = match last(|k| matches!(k, Kind::Entrypoint(_))) {
        Some(Kind::Entrypoint(f)) => Some(f),
        _ => None,
    };
    let cmd = match last(|k| matches!(k, Kind::Cmd(_))) {
        Some(Kind::Cmd(f)) => Some(f),
        _ => None,
    };
    if entrypoint.is_none() && cmd.is_none() {
        return matches!(root_base(df, stage), Base::Image(img) if is_server_image(&img.repository, img.tag.as_deref()));
    }
    let mut commands: Vec<Vec<String>> = [entrypoint, cmd]
        .into_iter()
        .flatten()
        .flat_map(command_lines)
        .collect();
    // An exec-form ENTRYPOINT receives CMD as its arguments: `java` + `-jar app.jar`.
    if let (Some(CommandForm::Exec(e)), Some(CommandForm::Exec(c))) = (entrypoint, cmd) {
        commands.push(e.iter().chain(c).map(|w| w.value.clone()).collect());
    }
    commands.iter().any(|words| starts_server(words))
}

fn is_server_image(repository: &str, tag: Option<&str>) -> bool {
    let name = repository.rsplit('/').next().unwrap_or(repository);
    SERVER_IMAGES.contains(&name)
        || (name == "php" && tag.is_some_and(|t| t.contains("apache") || t.contains("fpm")))
}

/// The word lists of the commands a CMD or ENTRYPOINT runs.
fn command_lines(form: &CommandForm) -> Vec<Vec<String>> {
    match form {
        CommandForm::Exec(words) => vec![words.iter().map(|w| w.value.clone()).collect()],
        CommandForm::Shell(shell) => shell_lines(&shell.script),
    }
}

fn shell_lines(script: &drydock_syntax::shell::Script) -> Vec<Vec<String>> {
    script
        .commands
        .iter()
        .map(|c| c.words.iter().map(|w| w.value.clone()).collect())
        .collect()
}

fn basename(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

fn stem(word: &str) -> &str {
    let name = basename(word);
    name.split('.').next().unwrap_or(name)
}

/// Whether a command (its words) starts a long-running server.
fn starts_server(words: &[String]) -> bool {
    let words = unwrap(words);
    let Some(first) = words.first() else {
        return false;
    };
    let program = basename(first);
    let args = &words[1..];
    let positional: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    match program {
        // `sh -c "nginx -g 'daemon off;'"`: look at the script.
        "sh" | "bash" | "ash" | "dash" => {
            let script = args
                .iter()
                .position(|w| w == "-c")
                .and_then(|i| args.get(i + 1));
            return script.is_some_and(|s| {
                shell_lines(&drydock_syntax::shell::parse(s))
                    .iter()
                    .any(|w| starts_server(w))
            });
        }
        "npm" | "yarn" | "pnpm" | "bun" => return package_script_starts_server(&positional),
        "npx" => return starts_server(args),
        _ if RUNNERS.contains(&program) => {
            let sub = args.iter().position(|a| !a.starts_with('-'));
            return sub.is_some_and(|i| {
                matches!(args[i].as_str(), "run" | "exec") && starts_server(&args[i + 1..])
            });
        }
        _ => {}
    }
    let module = args
        .iter()
        .position(|a| a == "-m")
        .and_then(|i| args.get(i + 1));
    SERVERS.contains(&program)
        || program.starts_with("php-fpm")
        || SERVE_WORDS.contains(&stem(first))
        || (program == "java" && args.iter().any(|a| a == "-jar" || a.ends_with(".jar")))
        || (program == "dotnet" && args.iter().any(|a| a.ends_with(".dll")))
        || (program == "php" && args.iter().any(|a| a == "-S"))
        || (is_interpreter(program)
            && positional
                .first()
                .is_some_and(|s| SERVER_SCRIPTS.contains(&stem(s))))
        || module.is_some_and(|m| SERVERS.contains(&m.as_str()) || m == "http.server")
        || positional.iter().take(2).any(|a| SERVE_WORDS.contains(a))
        || args.iter().any(|a| {
            ADDRESS_FLAGS
                .iter()
                .any(|f| a == f || a.strip_prefix(f).is_some_and(|r| r.starts_with('=')))
        })
}

/// `npm start`, `yarn dev`, `npm run serve:prod`, `bun run server.ts`.
fn package_script_starts_server(positional: &[&str]) -> bool {
    let script = match positional {
        ["run" | "run-script", script, ..] | [script, ..] => *script,
        [] => return false,
    };
    ["start", "serve", "dev", "prod"]
        .iter()
        .any(|w| script.contains(w))
        || SERVER_SCRIPTS.contains(&stem(script))
}

fn is_interpreter(program: &str) -> bool {
    matches!(
        program,
        "node" | "nodejs" | "bun" | "deno" | "ts-node" | "tsx"
    ) || program.starts_with("python")
        || program == "ruby"
}

/// Strips wrappers (`tini --`, `exec`, `gosu app`, `env A=1`) off the front of a command.
fn unwrap(mut words: &[String]) -> &[String] {
    while let Some(first) = words.first() {
        let program = basename(first);
        if !WRAPPERS.contains(&program) {
            break;
        }
        let takes_user = matches!(program, "gosu" | "su-exec");
        words = &words[1..];
        while words
            .first()
            .is_some_and(|w| w.starts_with('-') || (program == "env" && w.contains('=')))
        {
            words = &words[1..];
        }
        if takes_user && !words.is_empty() {
            words = &words[1..];
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(line: &str) -> bool {
        let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        starts_server(&words)
    }

    #[test]
    fn servers() {
        for line in [
            "nginx -g daemon",
            "/usr/sbin/nginx",
            "gunicorn -b 0.0.0.0:8000 app:app",
            "node server.js",
            "node dist/main.js",
            "java -jar /app/app.jar",
            "./myapp serve",
            "/bin/app server --config /etc/app.yml",
            "python manage.py runserver 0.0.0.0:8000",
            "npm start",
            "yarn run start",
            "poetry run uvicorn app:main",
            "tini -- /app/bin --port 8080",
            "gosu app redis-server",
            "dotnet Api.dll",
            "./start.sh",
            "php-fpm82 -F",
            "flask run --host=0.0.0.0",
            "python -m http.server 8000",
            "npx serve -s build",
            "bun run server.ts",
        ] {
            assert!(server(line), "{line}");
        }
    }

    #[test]
    fn not_servers() {
        for line in [
            "bash",
            "python script.py",
            "/usr/local/bin/mytool --help",
            "make test",
            "poetry run python migrate.py",
            "npm run migrate",
            "npm ci",
            "npx prisma migrate deploy",
            "echo hello",
            "tini --",
        ] {
            assert!(!server(line), "{line}");
        }
    }

    #[test]
    fn server_images() {
        assert!(is_server_image("nginx", Some("1.27-alpine")));
        assert!(is_server_image("bitnami/redis", None));
        assert!(is_server_image("php", Some("8.3-apache")));
        assert!(!is_server_image("php", Some("8.3-cli")));
        assert!(!is_server_image("alpine", Some("3.20")));
    }
}

//! Which files and folders matter in a project tree: Dockerfiles by name, the files that
//! change how one is linted or built, and the folders never searched.

/// Folders never searched besides hidden ones: dependencies and build output.
const SKIPPED_DIRS: [&str; 2] = ["node_modules", "target"];

/// Whether a file name is a Dockerfile's: `Dockerfile`, `dockerfile`, `Dockerfile.*`,
/// `*.Dockerfile`, `*.dockerfile`, but not BuildKit's `<name>.dockerignore`.
pub fn is_dockerfile_name(name: &str) -> bool {
    !name.ends_with(".dockerignore")
        && (name == "Dockerfile"
            || name == "dockerfile"
            || name.starts_with("Dockerfile.")
            || name.ends_with(".Dockerfile")
            || name.ends_with(".dockerfile"))
}

/// Hidden folders (`.git`, `.cache`), dependencies and build output are never searched.
pub fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.') || SKIPPED_DIRS.contains(&name)
}

/// Whether a change to this file changes what the editor shows: a Dockerfile, an ignore file
/// (`.dockerignore` or a Dockerfile's own `<name>.dockerignore`), `drydock.toml` or the lint
/// config.
pub fn is_watched_name(name: &str) -> bool {
    is_dockerfile_name(name)
        || name.ends_with(".dockerignore")
        || name == drydock_project::FILE_NAME
        || crate::lint_config::FILE_NAMES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names() {
        for name in [
            "Dockerfile",
            "dockerfile",
            "Dockerfile.dev",
            "api.Dockerfile",
            "api.dockerfile",
        ] {
            assert!(is_dockerfile_name(name), "{name}");
        }
        for name in [
            "Dockerfile.dockerignore",
            ".dockerignore",
            "Dockerfiles",
            "README.md",
            "MyDockerfile",
            ".drydock-a1B2c3",
        ] {
            assert!(!is_dockerfile_name(name), "{name}");
        }
    }

    #[test]
    fn skips_hidden_and_build_dirs() {
        for name in [".git", ".cache", "node_modules", "target"] {
            assert!(is_skipped_dir(name), "{name}");
        }
        assert!(!is_skipped_dir("services"));
    }

    #[test]
    fn watched_names() {
        for name in [
            "Dockerfile",
            ".dockerignore",
            "api.Dockerfile.dockerignore",
            "drydock.toml",
            ".hadolint.yaml",
            ".hadolint.yml",
        ] {
            assert!(is_watched_name(name), "{name}");
        }
        for name in ["README.md", ".drydock-a1B2c3", "Cargo.toml"] {
            assert!(!is_watched_name(name), "{name}");
        }
    }
}

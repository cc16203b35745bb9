//! Stages: which instructions belong to which FROM, what each FROM builds on (scratch, an earlier
//! stage, or an image reference after expanding global ARGs), and the stages each one copies
//! from (`COPY --from`, `RUN --mount=from=`).

use std::collections::HashMap;

use super::scope::{raw_text, Scope};
use crate::ast::{Base, Dockerfile, ImageRef, Instruction, Keyword, Kind, Stage, SyntaxError};
use crate::expand::expand;

pub(crate) fn resolve(df: &mut Dockerfile) {
    let mut globals = Scope::default();
    let mut errors = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    // Lower-cased stage name → index of the first stage with that name.
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, ins) in df.instructions.iter().enumerate() {
        if ins.keyword == Keyword::From {
            let (name, base) = from_parts(ins, &globals, df.escape, &names, &mut errors);
            if let Some(name) = &name {
                names.entry(name.clone()).or_insert(stages.len());
            }
            if let Some(end) = stages.last_mut() {
                end.instructions.end = i;
            }
            stages.push(Stage {
                index: stages.len(),
                from: i,
                name,
                base,
                instructions: i..df.instructions.len(),
                copies_from: Vec::new(),
                children: Vec::new(),
                copied_by: Vec::new(),
            });
        } else if stages.is_empty() {
            match &ins.kind {
                Kind::Arg(_) => {
                    df.global_args.push(i);
                    globals.declare(ins, i, df.escape, None);
                }
                _ if ins.keyword == Keyword::Unknown => {}
                _ => errors.push(SyntaxError {
                    message:
                        "no build stage in current context: only ARG can come before the first FROM"
                            .into(),
                    span: ins.keyword_word.span,
                }),
            }
        }
    }
    for stage in &mut stages {
        for i in stage.instructions.clone() {
            set_stage(&mut df.instructions[i], stage.index);
        }
    }
    for stage in &mut stages {
        let mut links = Vec::new();
        for ins in &df.instructions[stage.instructions.clone()] {
            let copy_from = match &ins.kind {
                Kind::Copy(c) => c.from.as_ref().map(|w| raw_text(&ins.args, w.span)),
                _ => None,
            };
            let mount_from = match &ins.kind {
                Kind::Run(r) => r.mounts.as_slice(),
                _ => &[],
            };
            let froms = copy_from
                .into_iter()
                .chain(mount_from.iter().filter_map(|m| m.from.as_deref()));
            for from in froms {
                let from = expand_global(from, &globals, df.escape);
                if let Some(target) = stage_ref(&from, &names, stage.index) {
                    if !links.contains(&target) {
                        links.push(target);
                    }
                }
            }
        }
        stage.copies_from = links;
    }
    link_back(&mut stages);
    df.stages = stages;
    df.errors.extend(errors);
}

/// Fills `children` and `copied_by` from each stage's base and `copies_from`, so rules can ask
/// "is this stage used by another?" without scanning every stage.
fn link_back(stages: &mut [Stage]) {
    for i in 0..stages.len() {
        if let Base::Stage(parent) = stages[i].base {
            stages[parent].children.push(i);
        }
        for source in stages[i].copies_from.clone() {
            stages[source].copied_by.push(i);
        }
    }
}

fn set_stage(ins: &mut Instruction, stage: usize) {
    ins.stage = Some(stage);
    if let Kind::Onbuild(inner) = &mut ins.kind {
        inner.stage = Some(stage);
    }
}

/// The stage name and base of a FROM.
fn from_parts(
    ins: &Instruction,
    globals: &Scope,
    escape: char,
    earlier: &HashMap<String, usize>,
    errors: &mut Vec<SyntaxError>,
) -> (Option<String>, Base) {
    let Kind::From(from) = &ins.kind else {
        // Unreadable FROM: the stage still starts here, on an unknown image.
        let unknown = ImageRef {
            unresolved: true,
            ..ImageRef::default()
        };
        return (None, Base::Image(unknown));
    };
    let name = from.name.as_ref().map(|n| {
        let lower = n.value.to_ascii_lowercase();
        if earlier.contains_key(&lower) {
            errors.push(SyntaxError {
                message: format!(
                    "duplicate stage name {:?}: stage names must be unique",
                    n.value
                ),
                span: n.span,
            });
        }
        lower
    });
    let raw = raw_text(&ins.args, from.image.span);
    let (text, unresolved) = if raw.contains('$') {
        let e = expand(raw, escape, &|n| globals.lookup(n));
        (e.value, !e.undefined.is_empty())
    } else {
        (from.image.value.clone(), false)
    };
    let lower = text.to_ascii_lowercase();
    let base = if lower == "scratch" {
        Base::Scratch
    } else if let Some(&index) = earlier.get(&lower) {
        Base::Stage(index)
    } else {
        Base::Image(image_ref(text, unresolved))
    };
    (name, base)
}

/// Splits `[registry/]repository[:tag][@digest]`.
pub(crate) fn image_ref(text: String, unresolved: bool) -> ImageRef {
    let (name_tag, digest) = match text.split_once('@') {
        Some((n, d)) => (n, Some(d.to_owned())),
        None => (text.as_str(), None),
    };
    let last_slash = name_tag.rfind('/');
    let (name, tag) = match name_tag.rfind(':') {
        Some(c) if last_slash.is_none_or(|s| c > s) => {
            (&name_tag[..c], Some(name_tag[c + 1..].to_owned()))
        }
        _ => (name_tag, None),
    };
    let (registry, repository) = match name.split_once('/') {
        Some((host, path)) if host.contains(['.', ':']) || host == "localhost" => {
            (Some(host.to_owned()), path)
        }
        _ => (None, name),
    };
    ImageRef {
        registry,
        repository: repository.to_owned(),
        tag,
        digest,
        unresolved,
        text,
    }
}

fn expand_global(text: &str, globals: &Scope, escape: char) -> String {
    if text.contains('$') {
        expand(text, escape, &|n| globals.lookup(n)).value
    } else {
        super::words::unquote(text, escape)
    }
}

/// The stage a `--from` value names: another stage by name, or an earlier one by index.
fn stage_ref(from: &str, names: &HashMap<String, usize>, current: usize) -> Option<usize> {
    names
        .get(&from.to_ascii_lowercase())
        .copied()
        .filter(|&i| i != current)
        .or_else(|| from.parse::<usize>().ok().filter(|&i| i < current))
}

#[cfg(test)]
mod tests {
    use super::image_ref;

    #[test]
    fn image_refs() {
        let r = image_ref("ghcr.io/owner/app:1.2@sha256:ab".into(), false);
        assert_eq!(r.registry.as_deref(), Some("ghcr.io"));
        assert_eq!(r.repository, "owner/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:ab"));
        let r = image_ref("localhost:5000/app".into(), false);
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.repository, "app");
        assert_eq!(r.tag, None);
        let r = image_ref("library/debian:12".into(), false);
        assert_eq!(
            (r.registry, r.repository.as_str()),
            (None, "library/debian")
        );
        let r = image_ref("debian".into(), true);
        assert!(r.unresolved && r.tag.is_none());
    }
}

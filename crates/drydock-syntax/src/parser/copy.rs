//! COPY and ADD: flags, sources and destination (JSON or whitespace-separated).

use super::kinds::{self, Args};
use super::{flags, Cx};
use crate::ast::Copy;

pub(crate) fn copy(cx: &mut Cx, a: &Args) -> Copy {
    let f = a.flags;
    let mut copy = Copy {
        from: flags::value(f, "from").cloned(),
        chown: flags::value(f, "chown").cloned(),
        chmod: flags::value(f, "chmod").cloned(),
        link: flags::is_set(f, "link"),
        parents: flags::is_set(f, "parents"),
        exclude: flags::values(f, "exclude").cloned().collect(),
        checksum: flags::value(f, "checksum").cloned(),
        keep_git_dir: flags::is_set(f, "keep-git-dir"),
        unpack: flags::bool_value(f, "unpack"),
        ..Copy::default()
    };
    let name = a.keyword.as_str();
    let Some((mut words, json)) = kinds::list(cx, a) else {
        return copy;
    };
    copy.json = json;
    if words.len() < 2 {
        cx.error(
            a.span(cx),
            format!(
                "{name} requires at least two arguments: one or more sources, then the destination"
            ),
        );
        copy.sources = words;
        return copy;
    }
    let dest = words.pop();
    if let Some(dest) = &dest {
        if a.heredocs.iter().any(|h| h.marker_span == dest.span) {
            cx.error(
                dest.span,
                format!("{name} cannot accept a heredoc as a destination"),
            );
        }
    }
    copy.sources = words;
    copy.dest = dest;
    copy
}

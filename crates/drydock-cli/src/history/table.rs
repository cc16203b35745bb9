//! The list for people: one aligned row per build, in colour on a terminal.

use std::io::{self, Write};

use chrono::{Local, TimeZone};
use drydock_history::BuildStatus;
use unicode_width::UnicodeWidthStr;

use super::Entry;
use crate::term::{self, fit, Paint, Style, BOLD, DIM, FAIL, PASS};

const HEADERS: [&str; 9] = [
    "BUILD", "WHEN", "STATUS", "TIME", "SIZE", "Δ SIZE", "CACHE", "TAG", "NOTE",
];
/// Columns aligned right (numbers).
const RIGHT: [bool; 9] = [true, false, false, true, true, true, true, false, false];
/// A failure's message is cut to this many columns.
const NOTE_COLUMNS: usize = 60;
const WARN: Style = "1;33";

/// A cell's text and its colour.
type Cell = (String, Option<Style>);

pub(super) fn print(entries: &[Entry], project: &str, dockerfile: &str, paint: Paint) {
    let mut out = io::stdout().lock();
    // A reader that has gone cannot be told.
    let _ = write(&mut out, entries, project, dockerfile, paint).and_then(|()| out.flush());
}

fn write(
    out: &mut dyn Write,
    entries: &[Entry],
    project: &str,
    dockerfile: &str,
    paint: Paint,
) -> io::Result<()> {
    if entries.is_empty() {
        return writeln!(out, "no builds of {dockerfile} recorded for {project}");
    }
    let rows: Vec<[Cell; 9]> = entries.iter().map(row).collect();
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].0.width())
                .chain([HEADERS[c].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let header: Vec<Cell> = HEADERS
        .iter()
        .map(|h| (h.to_string(), Some(BOLD)))
        .collect();
    writeln!(out, "{}", line(&header, &widths, paint))?;
    for row in &rows {
        writeln!(out, "{}", line(row, &widths, paint))?;
    }
    Ok(())
}

fn line(cells: &[Cell], widths: &[usize], paint: Paint) -> String {
    let mut text = String::new();
    for (c, (cell, style)) in cells.iter().enumerate() {
        let pad = " ".repeat(widths[c].saturating_sub(cell.width()));
        let shown = style.map_or_else(|| cell.clone(), |s| paint.apply(s, cell));
        if c > 0 {
            text.push_str("  ");
        }
        if RIGHT[c] {
            text.push_str(&pad);
            text.push_str(&shown);
        } else {
            text.push_str(&shown);
            text.push_str(&pad);
        }
    }
    text.trim_end().to_owned()
}

fn row(entry: &Entry) -> [Cell; 9] {
    let build = &entry.build;
    let trend = entry.trend.as_ref();
    let status_style = match build.status {
        BuildStatus::Succeeded => PASS,
        BuildStatus::Failed => FAIL,
        BuildStatus::Cancelled => DIM,
    };
    let plain = |text: String| (text, None);
    let mut notes = Vec::new();
    if trend.is_some_and(|t| t.size_regression) {
        notes.push("size regression".to_owned());
    }
    if trend.is_some_and(|t| t.duration_regression) {
        notes.push("slower build".to_owned());
    }
    let note_style = if notes.is_empty() { None } else { Some(WARN) };
    if let Some(error) = &build.error {
        notes.push(fit(&error.message, NOTE_COLUMNS));
    }
    [
        plain(build.id.to_string()),
        plain(when(build.started_at_ms)),
        (build.status.as_str().to_owned(), Some(status_style)),
        plain(term::duration(build.duration_ms)),
        plain(build.size_bytes.map(term::size).unwrap_or_default()),
        plain(
            trend
                .and_then(|t| t.size_delta_bytes)
                .map(term::size_delta)
                .unwrap_or_default(),
        ),
        plain(format!("{}/{}", build.cache_hits, build.step_count)),
        plain(build.tag.clone().unwrap_or_default()),
        (notes.join("; "), note_style),
    ]
}

/// Local time to the second, as people compare builds of one afternoon.
fn when(unix_ms: i64) -> String {
    Local
        .timestamp_millis_opt(unix_ms)
        .single()
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

//! The daemon's build stream as received, and its JSON-lines form for recording and replay.
//!
//! A line is `{"info":{...},"t":MS}` with the item in the daemon's own wire format (BuildKit
//! status as base64 protobuf, as the daemon sends it), or `{"error":{...},"t":MS}`. `t` is the
//! arrival time in milliseconds since the request was sent. Recorded streams replay through
//! the same normaliser as live ones; they are masked like every other text leaving the engine.

use base64::Engine as _;
use bollard::errors::Error as BollardError;
use bollard::moby::buildkit::v1::StatusResponse;
use bollard::models::{BuildInfo, BuildInfoAux};
use prost::Message as _;
use serde_json::{json, Map, Value};

use drydock_mask::Masker;

use super::masked;

/// One item of the stream and when it arrived.
#[derive(Debug, Clone)]
pub(crate) struct RawItem {
    pub(crate) at_ms: u64,
    pub(crate) item: Result<BuildInfo, RawError>,
}

/// An error item, reduced to what the normaliser reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawError {
    pub(crate) message: String,
    /// The HTTP status when the daemon refused the request itself.
    pub(crate) status_code: Option<u16>,
}

impl RawItem {
    pub(crate) fn new(at_ms: u64, item: Result<BuildInfo, BollardError>) -> RawItem {
        let item = item.map_err(|e| match e {
            BollardError::DockerResponseServerError {
                status_code,
                message,
            } => RawError {
                message,
                status_code: Some(status_code),
            },
            BollardError::DockerStreamError { error } => RawError {
                message: error,
                status_code: None,
            },
            other => RawError {
                message: other.to_string(),
                status_code: None,
            },
        });
        RawItem { at_ms, item }
    }

    /// The item as one JSON line (without the line break), secrets masked.
    pub(crate) fn to_json_line(&self, masker: &Masker) -> String {
        let line = match &self.item {
            Ok(info) => json!({ "t": self.at_ms, "info": wire_info(info, masker) }),
            Err(e) => {
                let mut error = Map::new();
                error.insert("message".into(), masker.mask(&e.message).into());
                if let Some(code) = e.status_code {
                    error.insert("status".into(), code.into());
                }
                json!({ "t": self.at_ms, "error": error })
            }
        };
        line.to_string()
    }

    /// Reads a line written by [`RawItem::to_json_line`], to replay a recorded stream.
    #[cfg(test)]
    pub(crate) fn from_json_line(line: &str) -> Result<RawItem, String> {
        let bad = |why: &str| format!("not a recorded build stream item: {why}");
        let value: Value = serde_json::from_str(line).map_err(|e| bad(&e.to_string()))?;
        let at_ms = value["t"].as_u64().ok_or_else(|| bad("no `t`"))?;
        let item = if let Some(info) = value.get("info") {
            Ok(serde_json::from_value(info.clone()).map_err(|e| bad(&e.to_string()))?)
        } else {
            let error = value
                .get("error")
                .ok_or_else(|| bad("neither `info` nor `error`"))?;
            Err(RawError {
                message: error["message"].as_str().unwrap_or_default().to_owned(),
                status_code: error["status"].as_u64().map(|c| c as u16),
            })
        };
        Ok(RawItem { at_ms, item })
    }
}

/// `BuildInfo` back in the daemon's JSON (bollard only deserialises it).
fn wire_info(info: &BuildInfo, masker: &Masker) -> Value {
    let mut out = Map::new();
    let mut text = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            out.insert(key.into(), masker.mask(v).into());
        }
    };
    text("id", &info.id);
    text("stream", &info.stream);
    text("status", &info.status);
    if let Some(detail) = &info.error_detail {
        let mut detail = detail.clone();
        detail.message = detail.message.map(|m| masked(masker, m));
        out.insert("errorDetail".into(), json!(detail));
    }
    if let Some(progress) = &info.progress_detail {
        out.insert("progressDetail".into(), json!(progress));
    }
    match &info.aux {
        Some(BuildInfoAux::BuildKit(status)) => {
            let bytes = masked_status(status, masker).encode_to_vec();
            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
            out.insert("aux".into(), encoded.into());
        }
        Some(BuildInfoAux::Default(image)) => {
            out.insert("aux".into(), json!(image));
        }
        None => {}
    }
    Value::Object(out)
}

fn masked_status(status: &StatusResponse, masker: &Masker) -> StatusResponse {
    let mut status = status.clone();
    for vertex in &mut status.vertexes {
        vertex.name = masked(masker, std::mem::take(&mut vertex.name));
        vertex.error = masked(masker, std::mem::take(&mut vertex.error));
    }
    for log in &mut status.logs {
        mask_bytes(&mut log.msg, masker);
    }
    for warning in &mut status.warnings {
        mask_bytes(&mut warning.short, masker);
        for detail in &mut warning.detail {
            mask_bytes(detail, masker);
        }
    }
    status
}

/// Masks text bytes in place; bytes that are not UTF-8 are left as they are.
fn mask_bytes(bytes: &mut Vec<u8>, masker: &Masker) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let std::borrow::Cow::Owned(masked) = masker.mask(text) {
            *bytes = masked.into_bytes();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_items_round_trip_through_json_lines() {
        let lines = [
            r#"{"info":{"stream":"Step 1/2 : FROM busybox"},"t":3}"#,
            r#"{"info":{"aux":{"ID":"sha256:abc"}},"t":9}"#,
            r#"{"error":{"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"t":12}"#,
            r#"{"error":{"message":"dockerfile parse error","status":400},"t":1}"#,
        ];
        for line in lines {
            let item = RawItem::from_json_line(line).unwrap();
            assert_eq!(item.to_json_line(&Masker::for_build_args([])), line);
        }
    }

    #[test]
    fn buildkit_status_is_kept_in_the_wire_format_and_masked() {
        use bollard::moby::buildkit::v1::{Vertex, VertexLog};
        let status = StatusResponse {
            vertexes: vec![Vertex {
                digest: "sha256:v1".into(),
                name: "[2/2] RUN echo hunter22".into(),
                ..Vertex::default()
            }],
            logs: vec![VertexLog {
                vertex: "sha256:v1".into(),
                msg: b"hunter22\n".to_vec(),
                ..VertexLog::default()
            }],
            ..StatusResponse::default()
        };
        let item = RawItem {
            at_ms: 5,
            item: Ok(BuildInfo {
                id: Some("moby.buildkit.trace".into()),
                aux: Some(BuildInfoAux::BuildKit(status)),
                ..BuildInfo::default()
            }),
        };
        let masker = Masker::for_build_args([("PASS", "hunter22")]);
        let line = item.to_json_line(&masker);
        let back = RawItem::from_json_line(&line).unwrap();
        let Ok(BuildInfo {
            aux: Some(BuildInfoAux::BuildKit(status)),
            ..
        }) = back.item
        else {
            panic!("not a BuildKit item: {line}");
        };
        assert_eq!(status.vertexes[0].name, "[2/2] RUN echo ***");
        assert_eq!(status.logs[0].msg, b"***\n");
    }
}

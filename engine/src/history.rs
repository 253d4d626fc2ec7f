//! Execution history in the shape of `GetExecutionHistory`, plus our per-state data-flow extension.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::timestamp::format_timestamp;

/// One history event. `details` holds the `<camelCaseType>EventDetails` members as AWS names them; payload
/// fields (`input`, `output`, `parameters`) are kept as JSON values and turned into strings on export.
///
/// Events are kept small (48 bytes), because a run records several for every state it enters: ids fit in
/// 32 bits (a history holds at most 25,000 events, and even an unlimited one could not reach four billion
/// in memory), and an event recorded without details (outline recording) allocates nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    id: u32,
    previous_event_id: u32,
    /// Virtual time, nanoseconds since the Unix epoch (see `timestamp`), as two halves: an `i128` field would
    /// make every event 16-byte aligned, and growing a vector of over-aligned items costs far more.
    time: [u64; 2],
    pub event_type: &'static str,
    // A box of a vector on purpose: 8 bytes in the event where a vector takes 24.
    #[allow(clippy::box_collection)]
    details: Option<Box<Vec<(&'static str, Detail)>>>,
}

// The size the comment above promises: a larger event makes every run slower.
const _: () = assert!(std::mem::size_of::<HistoryEvent>() <= 48);

/// A member of an event's details.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Text(String),
    Number(i64),
    /// A JSON payload: exported as a JSON string with a sibling `<name>Details: {truncated: false}`.
    Payload(crate::value::Value),
    /// A payload left out because the execution's recording budget was used up (`truncated: true`).
    Truncated,
    /// A nested object exported as is (e.g. `taskCredentials`).
    Object(crate::value::Value),
    /// `assignedVariables`: each value exported as a JSON string.
    Variables(Vec<(String, crate::value::Value)>),
}

impl HistoryEvent {
    pub fn new(id: u64, previous_event_id: u64, timestamp: i128, event_type: &'static str, details: Vec<(&'static str, Detail)>) -> HistoryEvent {
        let bits = timestamp as u128;
        let details = if details.is_empty() { None } else { Some(Box::new(details)) };
        HistoryEvent { id: id as u32, previous_event_id: previous_event_id as u32, time: [(bits >> 64) as u64, bits as u64], event_type, details }
    }

    pub fn id(&self) -> u64 {
        self.id.into()
    }

    pub fn previous_event_id(&self) -> u64 {
        self.previous_event_id.into()
    }

    /// The `<camelCaseType>EventDetails` members, in order (none under outline recording).
    pub fn details(&self) -> &[(&'static str, Detail)] {
        self.details.as_deref().map_or(&[], |d| d.as_slice())
    }

    /// Virtual time, nanoseconds since the Unix epoch.
    pub fn timestamp(&self) -> i128 {
        (((self.time[0] as u128) << 64) | self.time[1] as u128) as i128
    }

    pub fn detail(&self, name: &str) -> Option<&Detail> {
        self.details().iter().find(|(n, _)| *n == name).map(|(_, d)| d)
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        match self.detail(name) {
            Some(Detail::Text(s)) => Some(s),
            _ => None,
        }
    }

    /// The event as `GetExecutionHistory` returns it.
    pub fn to_aws_json(&self) -> Value {
        let mut event = Map::new();
        event.insert("timestamp".into(), Value::String(format_timestamp(self.timestamp())));
        event.insert("type".into(), Value::String(self.event_type.to_owned()));
        event.insert("id".into(), Value::from(self.id()));
        event.insert("previousEventId".into(), Value::from(self.previous_event_id()));
        if !self.details().is_empty() {
            let mut details = Map::new();
            for (name, detail) in self.details() {
                match detail {
                    Detail::Text(s) => {
                        details.insert((*name).into(), Value::String(s.clone()));
                    }
                    Detail::Number(n) => {
                        details.insert((*name).into(), Value::from(*n));
                    }
                    Detail::Object(v) => {
                        details.insert((*name).into(), v.to_json());
                    }
                    Detail::Payload(v) => {
                        details.insert((*name).into(), Value::String(v.to_string()));
                        details.insert(format!("{name}Details"), serde_json::json!({"truncated": false}));
                    }
                    Detail::Truncated => {
                        details.insert((*name).into(), Value::String(String::new()));
                        details.insert(format!("{name}Details"), serde_json::json!({"truncated": true}));
                    }
                    Detail::Variables(vars) => {
                        let map: Map<String, Value> = vars.iter().map(|(k, v)| (k.clone(), Value::String(v.to_string()))).collect();
                        details.insert((*name).into(), Value::Object(map));
                        details.insert("assignedVariablesDetails".into(), serde_json::json!({"truncated": false}));
                    }
                }
            }
            event.insert(details_key(self.event_type), Value::Object(details));
        }
        Value::Object(event)
    }
}

/// `TaskStateEntered` → `stateEnteredEventDetails`, `LambdaFunctionScheduled` → `lambdaFunctionScheduledEventDetails`.
fn details_key(event_type: &str) -> String {
    let base = if event_type.ends_with("StateEntered") {
        "StateEntered".to_owned()
    } else if event_type.ends_with("StateExited") {
        "StateExited".to_owned()
    } else {
        event_type.to_owned()
    };
    let mut chars = base.chars();
    let first = chars.next().map(|c| c.to_ascii_lowercase()).unwrap_or_default();
    format!("{first}{}EventDetails", chars.as_str())
}

/// One processing stage of a state visit, for the data-flow view (like TestState's `inspectionData`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub stage: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<crate::value::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Everything that happened to the data during one visit of one state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateVisit {
    pub state: String,
    /// Where the state ran: `[]` at the top level, `["Branch 1"]`, `["Iteration 3"]`, nested as deep as needed.
    pub path: Vec<String>,
    pub entered_event_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exited_event_id: Option<u64>,
    pub stages: Vec<Stage>,
}

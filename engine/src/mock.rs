//! Mocked Task results: Step Functions Local's `MockConfigFile.json`, and the same thing inline per state.

use std::collections::HashMap;

use serde_json::Value;

/// What one call of a mocked Task does.
#[derive(Debug, Clone, PartialEq)]
pub enum MockOutcome {
    Return(crate::value::Value),
    Throw { error: Option<String>, cause: Option<String> },
}

/// One mocked response, with how long the call takes in virtual time (our extension: `"Duration"` seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct MockResponse {
    pub outcome: MockOutcome,
    pub duration_seconds: f64,
}

/// Responses of one state by invocation number (0-based, counted per state per execution).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MockSequence {
    ranges: Vec<(u32, u32, MockResponse)>,
}

impl MockSequence {
    pub fn response(&self, invocation: u32) -> Option<&MockResponse> {
        self.ranges.iter().find(|(from, to, _)| (*from..=*to).contains(&invocation)).map(|(_, _, r)| r)
    }
}

/// Mocks for one execution, keyed by state name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mocks {
    pub states: HashMap<String, MockSequence>,
}

impl Mocks {
    /// Inline mocks: `{"State": [response, …]}` (one per call, in order) or `{"State": {"0": …, "1-2": …}}`.
    pub fn from_inline(value: &Value) -> Result<Mocks, String> {
        let map = value.as_object().ok_or("mocks must be a JSON object of state name → responses")?;
        let mut mocks = Mocks::default();
        for (state, responses) in map {
            mocks.states.insert(state.clone(), sequence(responses).map_err(|e| format!("mocks for state '{state}': {e}"))?);
        }
        Ok(mocks)
    }

    /// The test case `test_case` of state machine `machine` in a `MockConfigFile.json`. When `machine` is `None`
    /// and the file has one state machine, that one is used.
    pub fn from_config(config: &Value, machine: Option<&str>, test_case: &str) -> Result<Mocks, String> {
        let machines = config.get("StateMachines").and_then(Value::as_object).ok_or("the mock config has no \"StateMachines\" object")?;
        let (machine_name, machine_config) = match machine {
            Some(name) => (name.to_owned(), machines.get(name).ok_or_else(|| format!("the mock config has no state machine '{name}'"))?),
            None if machines.len() == 1 => machines.iter().next().map(|(k, v)| (k.clone(), v)).ok_or("no state machines")?,
            None => {
                let names: Vec<&String> = machines.keys().collect();
                return Err(format!("the mock config describes several state machines ({names:?}); say which one"));
            }
        };
        let cases = machine_config.get("TestCases").and_then(Value::as_object).ok_or_else(|| format!("state machine '{machine_name}' has no \"TestCases\""))?;
        let case = cases.get(test_case).and_then(Value::as_object).ok_or_else(|| {
            let names: Vec<&String> = cases.keys().collect();
            format!("state machine '{machine_name}' has no test case '{test_case}' (it has {names:?})")
        })?;
        let responses = config.get("MockedResponses").and_then(Value::as_object);
        let mut mocks = Mocks::default();
        for (state, response_name) in case {
            let name = response_name.as_str().ok_or_else(|| format!("test case '{test_case}': the response for state '{state}' must be a name"))?;
            let response = responses
                .and_then(|r| r.get(name))
                .ok_or_else(|| format!("test case '{test_case}' refers to the mocked response '{name}', which \"MockedResponses\" does not define"))?;
            mocks.states.insert(state.clone(), sequence(response).map_err(|e| format!("mocked response '{name}': {e}"))?);
        }
        Ok(mocks)
    }

    /// Every test case name of every state machine in a `MockConfigFile.json`.
    pub fn test_cases(config: &Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(machines) = config.get("StateMachines").and_then(Value::as_object) {
            for (machine, mc) in machines {
                if let Some(cases) = mc.get("TestCases").and_then(Value::as_object) {
                    out.extend(cases.keys().map(|c| (machine.clone(), c.clone())));
                }
            }
        }
        out
    }
}

fn sequence(value: &Value) -> Result<MockSequence, String> {
    let mut seq = MockSequence::default();
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                seq.ranges.push((i as u32, i as u32, response(item)?));
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let (from, to) = match key.split_once('-') {
                    Some((a, b)) => (a.trim().parse::<u32>(), b.trim().parse::<u32>()),
                    None => (key.trim().parse::<u32>(), key.trim().parse::<u32>()),
                };
                let (Ok(from), Ok(to)) = (from, to) else {
                    return Err(format!("'{key}' is not an invocation number or range such as \"0\" or \"1-2\""));
                };
                if to < from {
                    return Err(format!("the range '{key}' is empty"));
                }
                seq.ranges.push((from, to, response(item)?));
            }
        }
        _ => return Err("expected a list of responses or an object such as {\"0\": {\"Return\": …}}".into()),
    }
    Ok(seq)
}

fn response(value: &Value) -> Result<MockResponse, String> {
    let obj = value.as_object().ok_or("a response must be an object with \"Return\" or \"Throw\"")?;
    let duration_seconds = match obj.get("Duration") {
        None => 0.0,
        Some(d) => d.as_f64().filter(|d| *d >= 0.0).ok_or("\"Duration\" must be a non-negative number of seconds")?,
    };
    let outcome = match (obj.get("Return"), obj.get("Throw")) {
        (Some(v), None) => MockOutcome::Return(crate::value::Value::from(v)),
        (None, Some(t)) => {
            let text = |k: &str| t.get(k).and_then(Value::as_str).map(str::to_owned);
            MockOutcome::Throw { error: text("Error"), cause: text("Cause") }
        }
        _ => return Err("a response needs exactly one of \"Return\" and \"Throw\"".into()),
    };
    Ok(MockResponse { outcome, duration_seconds })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_step_functions_local_mock_config() {
        let config = json!({
            "StateMachines": {"Order": {"TestCases": {"HappyPath": {"Charge": "ChargeOk"}, "Retry": {"Charge": "FlakyCharge"}}}},
            "MockedResponses": {
                "ChargeOk": {"0": {"Return": {"ok": true}}},
                "FlakyCharge": {"0-1": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "busy"}}, "2": {"Return": {"ok": true}, "Duration": 3}}
            }
        });
        let mocks = Mocks::from_config(&config, None, "Retry").unwrap();
        let seq = &mocks.states["Charge"];
        assert!(matches!(seq.response(1).unwrap().outcome, MockOutcome::Throw { .. }));
        assert_eq!(seq.response(2).unwrap().duration_seconds, 3.0);
        assert!(seq.response(3).is_none());
        assert_eq!(Mocks::test_cases(&config).len(), 2);
        assert!(Mocks::from_config(&config, None, "Nope").unwrap_err().contains("no test case 'Nope'"));
    }

    #[test]
    fn reads_inline_lists() {
        let mocks = Mocks::from_inline(&json!({"A": [{"Return": 1}, {"Throw": {}}]})).unwrap();
        assert_eq!(mocks.states["A"].response(0).unwrap().outcome, MockOutcome::Return(crate::val!(1)));
        assert_eq!(mocks.states["A"].response(1).unwrap().outcome, MockOutcome::Throw { error: None, cause: None });
    }
}

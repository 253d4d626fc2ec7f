//! The context object (`$$`, CTX-01/02) and the ARNs a simulated execution has.

use crate::value::{Map, Str, Value};
use crate::val;

use super::plan::StateId;
use super::Execution;
use crate::parse::template_defaults::{ACCOUNT, REGION};
use crate::timestamp::format_timestamp;

pub fn role_arn() -> String {
    format!("arn:aws:iam::{ACCOUNT}:role/StepFunctionsExecutionRole")
}

impl Execution {
    pub(super) fn state_machine_arn(&self) -> String {
        format!("arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{}", self.config.state_machine_name)
    }

    pub(super) fn execution_arn(&self) -> String {
        format!("arn:aws:states:{REGION}:{ACCOUNT}:execution:{}:{}", self.config.state_machine_name, self.config.execution_name)
    }

    /// The context object as a state sees it on entry (without `Task` and `Map`, which callers add).
    ///
    /// Every JSONata state and every JSONPath state that reads `$$` builds one, so the parts that repeat
    /// are made once (`ContextParts`): building it allocates only the two objects that differ.
    pub(super) fn context(&mut self, fiber: usize) -> Value {
        if self.context_parts.is_none() {
            let parts = ContextParts::new(self);
            self.context_parts = Some(Box::new(parts));
        }
        let Some(parts) = self.context_parts.as_deref_mut() else { return Value::Null };
        let f = &self.fibers[fiber];
        let state_id = f.state.unwrap_or(0);
        let state = &self.plan.states[state_id];
        let entered = self.histories[f.history].get(f.entered_event.saturating_sub(1) as usize).map_or(self.clock, |e| e.timestamp());
        let entered_time = match &parts.last_entered {
            Some((at, text)) if *at == entered => text.clone(),
            _ => {
                let text = Value::from(format_timestamp(entered));
                parts.last_entered = Some((entered, text.clone()));
                text
            }
        };
        let name = match &parts.last_name {
            Some((id, name)) if *id == state_id => name.clone(),
            _ => {
                let name = Value::from(state.name.as_str());
                parts.last_name = Some((state_id, name.clone()));
                name
            }
        };
        // CTX-02: in this order, as AWS's recorded `$$` lists them.
        let mut st = Map::with_capacity(3);
        st.push_new(parts.name_key.clone(), name);
        st.push_new(parts.entered_time_key.clone(), entered_time);
        if !state.retry.is_empty() {
            st.push_new(parts.retry_count_key.clone(), Value::from(f.retry_counts.iter().sum::<u32>()));
        }
        // Room for the `Map` or `Task` member that callers add.
        let mut ctx = Map::with_capacity(parts.base.len() + 2);
        for (key, value) in parts.base.iter() {
            ctx.push_new(key.clone(), value.clone());
        }
        ctx.push_new(parts.state_key.clone(), Value::object(st));
        Value::object(ctx)
    }
}

/// What every context object of an execution shares.
pub(super) struct ContextParts {
    /// `Execution` and `StateMachine`, which do not change while the execution runs.
    base: Map,
    state_key: Str,
    entered_time_key: Str,
    name_key: Str,
    retry_count_key: Str,
    /// The entry time last formatted, and the state name last made a value: consecutive states mostly
    /// share them (a virtual clock seldom moves; a Map builds one context per item).
    last_entered: Option<(i128, Value)>,
    last_name: Option<(StateId, Value)>,
}

impl ContextParts {
    fn new(exec: &Execution) -> ContextParts {
        let base = val!({
            "Execution": {
                "Id": exec.execution_arn(),
                "Input": exec.config.input,
                "StartTime": format_timestamp(exec.config.start_time),
                "Name": exec.config.execution_name,
                "RoleArn": role_arn(),
                "RedriveCount": 0
            },
            "StateMachine": {"Id": exec.state_machine_arn(), "Name": exec.config.state_machine_name}
        });
        ContextParts {
            base: base.as_object().cloned().unwrap_or_default(),
            state_key: Str::from("State"),
            entered_time_key: Str::from("EnteredTime"),
            name_key: Str::from("Name"),
            retry_count_key: Str::from("RetryCount"),
            last_entered: None,
            last_name: None,
        }
    }
}

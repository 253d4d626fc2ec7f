//! The context object (`$$`, CTX-01/02) and the ARNs a simulated execution has.

use crate::value::{Map, Value};
use crate::val;

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
    pub(super) fn context(&mut self, fiber: usize) -> Value {
        if self.context_base.is_none() {
            self.context_base = Some(val!({
                "Execution": {
                    "Id": self.execution_arn(),
                    "Input": self.config.input,
                    "StartTime": format_timestamp(self.config.start_time),
                    "Name": self.config.execution_name,
                    "RoleArn": role_arn(),
                    "RedriveCount": 0
                },
                "StateMachine": {"Id": self.state_machine_arn(), "Name": self.config.state_machine_name}
            }));
        }
        let mut ctx = self.context_base.clone().unwrap_or(Value::Null);
        let f = &self.fibers[fiber];
        let state = &self.plan.states[f.state.unwrap_or(0)];
        let entered = self.histories[f.history].get(f.entered_event.saturating_sub(1) as usize).map_or(self.clock, |e| e.timestamp());
        let mut st = Map::new();
        st.insert("EnteredTime", Value::from(format_timestamp(entered)));
        st.insert("Name", Value::from(state.name.as_str()));
        if !state.retry.is_empty() {
            st.insert("RetryCount", Value::from(f.retry_counts.iter().sum::<u32>()));
        }
        if let Some(m) = ctx.as_object_mut() {
            m.insert("State", Value::object(st));
        }
        ctx
    }
}

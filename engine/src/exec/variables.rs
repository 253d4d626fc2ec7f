//! Workflow variables (VAR-01..08): one scope per fiber, chained to the scope it was started from, so
//! that Parallel branches and Map iterations read outer variables but assign only their own.

use std::collections::HashMap;
use std::rc::Rc;

use crate::value::Value;

use super::template::Template;
use super::Execution;
use crate::path::eval::{PathEnv, Variables};

#[derive(Debug, Default, Clone)]
pub(super) struct VarScope {
    pub parent: Option<usize>,
    pub values: HashMap<String, Value>,
}

/// The variables visible from one scope: an owned handle on the (copy-on-write) scope table, so that
/// holding it does not borrow the execution.
pub(super) struct VarView {
    pub scopes: Rc<Vec<VarScope>>,
    pub at: usize,
}

impl Variables for VarView {
    fn get(&self, name: &str) -> Option<&Value> {
        let mut at = Some(self.at);
        while let Some(i) = at {
            let scope = self.scopes.get(i)?;
            if let Some(v) = scope.values.get(name) {
                return Some(v);
            }
            at = scope.parent;
        }
        None
    }
}

/// An evaluated Assign object as the pending assignments of a state (names with their values, in order).
pub(super) fn assignments(values: &crate::value::Map) -> Vec<(String, Value)> {
    values.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

impl Execution {
    pub(super) fn vars(&self, fiber: usize) -> VarView {
        VarView { scopes: self.var_scopes.clone(), at: self.fibers[fiber].vars }
    }

    /// Evaluates a JSONPath `Assign` with `$` = `input` (VAR-06); the values take effect when the state
    /// exits, so everything else in the state still sees the old ones (VAR-05). False when it failed
    /// (the failure has been handled).
    pub(super) fn prepare_assign(&mut self, fiber: usize, assign: &Template, input: &Value) -> bool {
        let ctx = self.context_if_used(fiber);
        let vars = self.vars(fiber);
        let env = PathEnv { input, context: &ctx, variables: &vars };
        match assign.evaluate(&env, &mut self.rng) {
            Ok(Value::Object(values)) => {
                self.fibers[fiber].pending_assign = Some(assignments(&values));
                true
            }
            Ok(_) => true,
            Err(e) => {
                let f = self.runtime(fiber, &e.message(input));
                self.handle_error(fiber, f);
                false
            }
        }
    }

    /// VAR-09: at most 256 KiB per variable and per Assign, 10 MiB of variables per execution (AWS's error
    /// name for this is undocumented; we use States.DataLimitExceeded, like every other size quota).
    pub(super) fn assign_too_large(&self, fiber: usize) -> Option<super::failure::Failure> {
        self.config.limits.max_payload_bytes?;
        let values = self.fibers[fiber].pending_assign.as_ref()?;
        let mut total = 0;
        for (name, value) in values {
            let size = super::json_size(value);
            if size > 262_144 {
                return Some(super::failure::Failure::new(
                    "States.DataLimitExceeded",
                    &format!("The value assigned to the variable '{name}' is {size} bytes; a variable may hold at most 262144"),
                ));
            }
            total += size;
        }
        if total > 262_144 {
            return Some(super::failure::Failure::new("States.DataLimitExceeded", &format!("The values of one Assign add up to {total} bytes; at most 262144 are allowed")));
        }
        let stored: usize = self.var_scopes.iter().flat_map(|s| s.values.values()).map(super::json_size).sum();
        (stored + total > 10 << 20).then(|| {
            super::failure::Failure::new("States.DataLimitExceeded", "The execution's variables would exceed 10 MiB in all")
        })
    }

    /// Writes the pending assignments into the fiber's scope and returns them (for `assignedVariables`).
    pub(super) fn apply_assign(&mut self, fiber: usize) -> Vec<(String, Value)> {
        let Some(values) = self.fibers[fiber].pending_assign.take() else { return Vec::new() };
        let scope = self.fibers[fiber].vars;
        let scopes = Rc::make_mut(&mut self.var_scopes);
        for (name, value) in &values {
            scopes[scope].values.insert(name.clone(), value.clone());
        }
        values
    }

    /// The variables visible to a fiber, innermost first (for the app's inspector).
    pub fn variables_of(&self, fiber: usize) -> Vec<(String, Value)> {
        let mut out: Vec<(String, Value)> = Vec::new();
        let mut at = self.fibers.get(fiber).map(|f| f.vars);
        while let Some(i) = at {
            for (k, v) in &self.var_scopes[i].values {
                if !out.iter().any(|(n, _)| n == k) {
                    out.push((k.clone(), v.clone()));
                }
            }
            at = self.var_scopes[i].parent;
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

//! Which fields each state type accepts, in which query language, with which JSON type (ST-COM-07/08, JA-03/04).

use crate::asl::StateType::{self, *};

/// Which query language a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Both,
    JsonPath,
    Jsonata,
}

/// The JSON type a field's literal value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Str,
    /// A string, or `null` (InputPath, OutputPath, ResultPath).
    StrOrNull,
    Bool,
    Obj,
    Arr,
    Int,
    Num,
    Any,
}

impl Ty {
    pub fn describe(self) -> &'static str {
        match self {
            Ty::Str => "a string",
            Ty::StrOrNull => "a string or null",
            Ty::Bool => "a boolean",
            Ty::Obj => "a JSON object",
            Ty::Arr => "an array",
            Ty::Int => "an integer",
            Ty::Num => "a number",
            Ty::Any => "any JSON value",
        }
    }
}

pub struct FieldSpec {
    pub name: &'static str,
    pub types: &'static [StateType],
    pub lang: Lang,
    pub ty: Ty,
    /// In JSONata states the value may instead be a `{% %}` expression string.
    pub expr: bool,
}

const ALL: &[StateType] = &[Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map];
const NOT_FAIL: &[StateType] = &[Task, Pass, Choice, Wait, Succeed, Parallel, Map];
const ASSIGNABLE: &[StateType] = &[Task, Pass, Choice, Wait, Parallel, Map];
const FLOWING: &[StateType] = &[Task, Pass, Wait, Parallel, Map];
const WORKING: &[StateType] = &[Task, Parallel, Map];

const fn f(name: &'static str, types: &'static [StateType], lang: Lang, ty: Ty, expr: bool) -> FieldSpec {
    FieldSpec { name, types, lang, ty, expr }
}

pub const FIELDS: &[FieldSpec] = &[
    f("Type", ALL, Lang::Both, Ty::Str, false),
    f("Comment", ALL, Lang::Both, Ty::Str, false),
    f("QueryLanguage", ALL, Lang::Both, Ty::Str, false),
    f("InputPath", NOT_FAIL, Lang::JsonPath, Ty::StrOrNull, false),
    f("OutputPath", NOT_FAIL, Lang::JsonPath, Ty::StrOrNull, false),
    f("Output", NOT_FAIL, Lang::Jsonata, Ty::Any, false),
    f("Assign", ASSIGNABLE, Lang::Both, Ty::Obj, false),
    f("Next", FLOWING, Lang::Both, Ty::Str, false),
    f("End", FLOWING, Lang::Both, Ty::Bool, false),
    f("ResultPath", &[Task, Pass, Parallel, Map], Lang::JsonPath, Ty::StrOrNull, false),
    f("Parameters", &[Task, Pass, Parallel, Map], Lang::JsonPath, Ty::Obj, false),
    f("ResultSelector", WORKING, Lang::JsonPath, Ty::Obj, false),
    f("Arguments", &[Task, Parallel], Lang::Jsonata, Ty::Any, false),
    f("Retry", WORKING, Lang::Both, Ty::Arr, false),
    f("Catch", WORKING, Lang::Both, Ty::Arr, false),
    f("Resource", &[Task], Lang::Both, Ty::Str, false),
    f("TimeoutSeconds", &[Task], Lang::Both, Ty::Int, true),
    f("TimeoutSecondsPath", &[Task], Lang::JsonPath, Ty::Str, false),
    f("HeartbeatSeconds", &[Task], Lang::Both, Ty::Int, true),
    f("HeartbeatSecondsPath", &[Task], Lang::JsonPath, Ty::Str, false),
    f("Credentials", &[Task], Lang::Both, Ty::Obj, true),
    f("Result", &[Pass], Lang::JsonPath, Ty::Any, false),
    f("Choices", &[Choice], Lang::Both, Ty::Arr, false),
    f("Default", &[Choice], Lang::Both, Ty::Str, false),
    f("Seconds", &[Wait], Lang::Both, Ty::Int, true),
    f("SecondsPath", &[Wait], Lang::JsonPath, Ty::Str, false),
    f("Timestamp", &[Wait], Lang::Both, Ty::Str, false),
    f("TimestampPath", &[Wait], Lang::JsonPath, Ty::Str, false),
    f("Error", &[Fail], Lang::Both, Ty::Str, false),
    f("Cause", &[Fail], Lang::Both, Ty::Str, false),
    f("ErrorPath", &[Fail], Lang::JsonPath, Ty::Str, false),
    f("CausePath", &[Fail], Lang::JsonPath, Ty::Str, false),
    f("Branches", &[Parallel], Lang::Both, Ty::Arr, false),
    f("ItemProcessor", &[Map], Lang::Both, Ty::Obj, false),
    f("Iterator", &[Map], Lang::Both, Ty::Obj, false),
    f("ItemsPath", &[Map], Lang::JsonPath, Ty::Str, false),
    f("Items", &[Map], Lang::Jsonata, Ty::Arr, true),
    f("ItemSelector", &[Map], Lang::Both, Ty::Obj, true),
    f("ItemReader", &[Map], Lang::Both, Ty::Obj, false),
    f("ItemBatcher", &[Map], Lang::Both, Ty::Obj, false),
    f("ResultWriter", &[Map], Lang::Both, Ty::Obj, false),
    f("MaxConcurrency", &[Map], Lang::Both, Ty::Int, true),
    f("MaxConcurrencyPath", &[Map], Lang::JsonPath, Ty::Str, false),
    f("ToleratedFailureCount", &[Map], Lang::Both, Ty::Int, true),
    f("ToleratedFailureCountPath", &[Map], Lang::JsonPath, Ty::Str, false),
    f("ToleratedFailurePercentage", &[Map], Lang::Both, Ty::Num, true),
    f("ToleratedFailurePercentagePath", &[Map], Lang::JsonPath, Ty::Str, false),
    f("Label", &[Map], Lang::Both, Ty::Str, false),
];

pub fn spec(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

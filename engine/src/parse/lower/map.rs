//! Lowering Map states (ST-MAP-*, VAL-18): processor, item source, selector, reader, batcher, writer, tolerance.

use super::states::Fields;
use super::values::PathKind;
use super::{article, Lower};
use crate::asl::{Map, MapMode, PathField, QueryLanguage};
use crate::diagnostic::{code, pointer_join, Diagnostic};
use crate::source::Node;

impl Lower {
    pub(super) fn map(&mut self, f: &Fields, ql: QueryLanguage) -> Map {
        let mut map = Map {
            processor: None,
            uses_iterator: false,
            mode: MapMode::Inline,
            execution_type: None,
            items_path: PathField::Absent,
            items: None,
            item_selector: None,
            item_reader: None,
            item_batcher: None,
            result_writer: None,
            max_concurrency: None,
            max_concurrency_path: None,
            tolerated_failure_count: None,
            tolerated_failure_count_path: None,
            tolerated_failure_percentage: None,
            tolerated_failure_percentage_path: None,
            label: None,
        };
        self.exclusive(f, "ItemProcessor", "Iterator");
        let (processor, name) = match (f.get("ItemProcessor"), f.get("Iterator")) {
            (Some(p), _) => (Some(p), "ItemProcessor"),
            (None, Some(i)) => {
                map.uses_iterator = true;
                (Some(i), "Iterator")
            }
            (None, None) => {
                if !f.has("ItemProcessor") && !f.has("Iterator") {
                    self.error(&f.pointer, "These fields are required: [ItemProcessor]");
                }
                (None, "ItemProcessor")
            }
        };
        if let Some(p) = processor {
            let at = f.at(name);
            map.processor = self.nested_scope(p, &at, &["ProcessorConfig"]);
            if let Some(config) = p.get("ProcessorConfig") {
                self.processor_config(config, &pointer_join(&at, "ProcessorConfig"), &mut map);
            }
        }
        map.items_path = self.path_field(f, "ItemsPath", PathKind::Reference);
        if let Some(items) = f.get("Items") {
            self.jsonata_value(items, &f.at("Items"));
            map.items = Some(items.to_value());
        }
        self.exclusive(f, "ItemSelector", "Parameters");
        for name in ["ItemSelector", "Parameters"] {
            if let Some(sel) = f.get(name) {
                match ql {
                    QueryLanguage::JSONPath => self.template(sel, &f.at(name)),
                    QueryLanguage::JSONata => self.jsonata_value(sel, &f.at(name)),
                }
                map.item_selector = Some(sel.to_value());
            }
        }
        if let Some(reader) = f.get("ItemReader") {
            self.item_reader(reader, &f.at("ItemReader"), ql);
            map.item_reader = Some(reader.to_value());
        }
        if let Some(batcher) = f.get("ItemBatcher") {
            self.item_batcher(batcher, &f.at("ItemBatcher"), ql);
            map.item_batcher = Some(batcher.to_value());
        }
        if let Some(writer) = f.get("ResultWriter") {
            self.result_writer(writer, &f.at("ResultWriter"), ql);
            map.result_writer = Some(writer.to_value());
        }
        for (a, b) in [
            ("MaxConcurrency", "MaxConcurrencyPath"),
            ("ToleratedFailureCount", "ToleratedFailureCountPath"),
            ("ToleratedFailurePercentage", "ToleratedFailurePercentagePath"),
        ] {
            self.exclusive(f, a, b);
        }
        map.max_concurrency = self.number_or_expr(f, "MaxConcurrency", 0.0, 99_999_999.0, true);
        map.max_concurrency_path = self.opt_path(f, "MaxConcurrencyPath", PathKind::Reference);
        map.tolerated_failure_count = self.number_or_expr(f, "ToleratedFailureCount", 0.0, 99_999_999.0, true);
        map.tolerated_failure_count_path = self.opt_path(f, "ToleratedFailureCountPath", PathKind::Reference);
        map.tolerated_failure_percentage = self.number_or_expr(f, "ToleratedFailurePercentage", 0.0, 100.0, false);
        map.tolerated_failure_percentage_path = self.opt_path(f, "ToleratedFailurePercentagePath", PathKind::Reference);
        if let Some(label) = f.get("Label").and_then(Node::as_str) {
            if let Some(problem) = label_problem(label) {
                self.push(Diagnostic::error(code::INVALID_LABEL_NAME, f.at("Label"), format!("Invalid Label '{label}': {problem}")));
            }
            map.label = Some(label.to_owned());
        }
        map
    }

    fn processor_config(&mut self, node: &Node, at: &str, map: &mut Map) {
        let Some(members) = node.members() else {
            self.type_error(node, at, "ProcessorConfig", "a JSON object");
            return;
        };
        for m in members {
            let p = pointer_join(at, &m.key);
            match (m.key.as_str(), m.value.as_str()) {
                ("Mode", Some("INLINE")) => map.mode = MapMode::Inline,
                ("Mode", Some("DISTRIBUTED")) => map.mode = MapMode::Distributed,
                ("Mode", _) => self.error(&p, "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]"),
                ("ExecutionType", Some(t @ ("STANDARD" | "EXPRESS"))) => map.execution_type = Some(t.to_owned()),
                ("ExecutionType", _) => self.error(&p, "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]"),
                (other, _) => self.error(&p, format!("Field '{other}' is not supported in ProcessorConfig")),
            }
        }
        if map.mode == MapMode::Distributed && map.execution_type.is_none() && node.get("ExecutionType").is_none() {
            self.error(at, "These fields are required: [ExecutionType] (a DISTRIBUTED Map must say whether its child executions are STANDARD or EXPRESS)");
        }
    }

    /// Checks an object's fields against `allowed`, reporting unknown ones; returns false if it is not an object.
    fn known_fields(&mut self, node: &Node, at: &str, what: &str, allowed: &[&str]) -> bool {
        let Some(members) = node.members() else {
            self.error(at, format!("The field '{what}' must be a JSON object, but it is {}", article(node.type_name())));
            return false;
        };
        for m in members {
            if !allowed.contains(&m.key.as_str()) {
                self.error(&pointer_join(at, &m.key), format!("Field '{}' is not supported in {what}", m.key));
            }
        }
        true
    }

    /// `Parameters` (JSONPath) or `Arguments` (JSONata) of a reader or writer.
    fn io_arguments(&mut self, node: &Node, at: &str, ql: QueryLanguage) {
        for (name, lang) in [("Parameters", QueryLanguage::JSONPath), ("Arguments", QueryLanguage::JSONata)] {
            if let Some(v) = node.get(name) {
                let p = pointer_join(at, name);
                if lang != ql {
                    self.error(&p, format!("The QueryLanguage is set to '{}', but field '{name}' is only supported for the '{}' QueryLanguage", ql.as_str(), lang.as_str()));
                } else if ql == QueryLanguage::JSONPath {
                    self.template(v, &p);
                } else {
                    self.jsonata_value(v, &p);
                }
            }
        }
    }

    fn item_reader(&mut self, node: &Node, at: &str, ql: QueryLanguage) {
        if !self.known_fields(node, at, "ItemReader", &["Resource", "Parameters", "Arguments", "ReaderConfig"]) {
            return;
        }
        match node.get("Resource").map(|r| r.as_str()) {
            None => self.error(at, "These fields are required: [Resource]"),
            Some(None) => self.error(&pointer_join(at, "Resource"), "The field 'Resource' must be a string"),
            Some(Some(_)) => {}
        }
        self.io_arguments(node, at, ql);
        let Some(config) = node.get("ReaderConfig") else { return };
        let cat = pointer_join(at, "ReaderConfig");
        let allowed = [
            "InputType", "Transformation", "ManifestType", "CSVDelimiter", "CSVHeaderLocation", "CSVHeaders", "ItemsPointer",
            "MaxItems", "MaxItemsPath",
        ];
        if !self.known_fields(config, &cat, "ReaderConfig", &allowed) {
            return;
        }
        let enums: [(&str, &[&str]); 5] = [
            ("InputType", &["CSV", "JSON", "JSONL", "PARQUET", "MANIFEST"]),
            ("Transformation", &["NONE", "LOAD_AND_FLATTEN"]),
            ("ManifestType", &["ATHENA_DATA", "S3_INVENTORY"]),
            ("CSVDelimiter", &["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"]),
            ("CSVHeaderLocation", &["FIRST_ROW", "GIVEN"]),
        ];
        for (name, values) in enums {
            if let Some(v) = config.get(name) {
                if !v.as_str().is_some_and(|s| values.contains(&s)) {
                    self.error(&pointer_join(&cat, name), format!("The field '{name}' should have one of these values: [{}]", values.join(", ")));
                }
            }
        }
        if config.get("MaxItems").is_some() && config.get("MaxItemsPath").is_some() {
            self.error(&cat, "Only one of 'MaxItems' and 'MaxItemsPath' may be given");
        }
        if let Some(v) = config.get("MaxItems") {
            let p = pointer_join(&cat, "MaxItems");
            if !(ql == QueryLanguage::JSONata && v.as_str().is_some()) {
                self.int_in(v, &p, "MaxItems", 1, 100_000_000);
            }
        }
        if let Some(v) = config.get("MaxItemsPath") {
            if let Some(s) = v.as_str() {
                self.check_path(s, &pointer_join(&cat, "MaxItemsPath"), "MaxItemsPath", PathKind::Reference);
            }
        }
        if config.get("CSVHeaderLocation").and_then(Node::as_str) == Some("GIVEN") && config.get("CSVHeaders").is_none() {
            self.error(&cat, "CSVHeaders is required when CSVHeaderLocation is GIVEN");
        }
    }

    fn item_batcher(&mut self, node: &Node, at: &str, ql: QueryLanguage) {
        let maxes = ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"];
        let mut allowed = maxes.to_vec();
        allowed.push("BatchInput");
        if !self.known_fields(node, at, "ItemBatcher", &allowed) {
            return;
        }
        if maxes.iter().all(|m| node.get(m).is_none()) {
            self.error(at, "An ItemBatcher needs at least one of [MaxItemsPerBatch, MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]");
        }
        for (name, max) in [("MaxItemsPerBatch", 100_000_000), ("MaxInputBytesPerBatch", 262_144)] {
            if node.get(name).is_some() && node.get(&format!("{name}Path")).is_some() {
                self.error(at, format!("Only one of '{name}' and '{name}Path' may be given"));
            }
            if let Some(v) = node.get(name) {
                if !(ql == QueryLanguage::JSONata && v.as_str().is_some()) {
                    self.int_in(v, &pointer_join(at, name), name, 1, max);
                }
            }
            let path_name = format!("{name}Path");
            if let Some(v) = node.get(&path_name) {
                match v.as_str() {
                    Some(s) if ql == QueryLanguage::JSONPath => self.check_path(s, &pointer_join(at, &path_name), &path_name, PathKind::Reference),
                    _ => self.error(&pointer_join(at, &path_name), format!("The field '{path_name}' must be a reference path (JSONPath states only)")),
                }
            }
        }
        if let Some(input) = node.get("BatchInput") {
            let p = pointer_join(at, "BatchInput");
            match ql {
                QueryLanguage::JSONPath => self.template(input, &p),
                QueryLanguage::JSONata => self.jsonata_value(input, &p),
            }
        }
    }

    fn result_writer(&mut self, node: &Node, at: &str, ql: QueryLanguage) {
        if !self.known_fields(node, at, "ResultWriter", &["Resource", "Parameters", "Arguments", "WriterConfig"]) {
            return;
        }
        let has = |k: &str| node.get(k).is_some();
        let args = has("Parameters") || has("Arguments");
        let combination_ok = match (has("Resource"), args, has("WriterConfig")) {
            (false, false, true) | (true, true, _) => true,
            _ => false,
        };
        if !combination_ok {
            self.error(at, "ResultWriter must have WriterConfig alone, Resource with Parameters/Arguments, or all three");
        }
        self.io_arguments(node, at, ql);
        if let Some(config) = node.get("WriterConfig") {
            let cat = pointer_join(at, "WriterConfig");
            if self.known_fields(config, &cat, "WriterConfig", &["Transformation", "OutputType"]) {
                for (name, values) in [("Transformation", &["NONE", "COMPACT", "FLATTEN"][..]), ("OutputType", &["JSON", "JSONL"][..])] {
                    if let Some(v) = config.get(name) {
                        if !v.as_str().is_some_and(|s| values.contains(&s)) {
                            self.error(&pointer_join(&cat, name), format!("The field '{name}' should have one of these values: [{}]", values.join(", ")));
                        }
                    }
                }
            }
        }
    }
}

/// ST-MAP-16: why a Map Label is invalid, if it is.
fn label_problem(label: &str) -> Option<String> {
    if label.chars().count() > 40 {
        return Some("it is longer than 40 characters".into());
    }
    if label.is_empty() {
        return Some("it is empty".into());
    }
    let bad = label.chars().find(|c| {
        c.is_whitespace()
            || "?*<>{}[]:;,\\|^~$#%&`\"".contains(*c)
            || (*c as u32) <= 0x1F
            || (0x7F..=0x9F).contains(&(*c as u32))
    });
    bad.map(|c| format!("it contains the character {c:?}, which is not allowed"))
}


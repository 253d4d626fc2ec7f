//! `Value` must print, parse and compare exactly like `serde_json::Value`.

use serde_json::json;

use super::{Map, Value};

const SAMPLES: &[&str] = &[
    r#"null"#,
    r#"[true,false,0,-1,18446744073709551615,-9223372036854775808,1.5,1e300,0.1,-0.0]"#,
    r#""quote \" backslash \\ newline \n tab \t control \u0001 unicode é 😀""#,
    r#"{"b":1,"a":{"z":[1,{"y":null}],"x":"s"},"c":[]}"#,
    r#"{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13}"#,
    r#"{"dup":1,"other":2,"dup":3}"#,
];

#[test]
fn prints_like_serde_json() {
    for text in SAMPLES {
        let expected: serde_json::Value = serde_json::from_str(text).unwrap();
        let parsed: Value = serde_json::from_str(text).unwrap();
        let converted = Value::from(&expected);
        assert_eq!(parsed.to_string(), expected.to_string(), "{text}");
        assert_eq!(converted.to_string(), expected.to_string(), "{text}");
        assert_eq!(format!("{parsed:#}"), format!("{expected:#}"), "{text}");
        assert_eq!(parsed.to_json(), expected, "{text}");
        assert!(parsed == expected && converted == parsed, "{text}");
    }
}

#[test]
fn objects_compare_regardless_of_order() {
    let a = Value::from(json!({"a": 1, "b": [1, 2]}));
    let b = Value::from(json!({"b": [1, 2], "a": 1}));
    assert_eq!(a, b);
    assert_ne!(a, Value::from(json!({"a": 1, "b": [2, 1]})));
    assert_ne!(a, Value::from(json!({"a": 1})));
    assert_ne!(Value::from(json!(1)), Value::from(json!(1.0)), "as in serde_json, 1 and 1.0 are different numbers");
}

#[test]
fn large_objects_find_every_member_and_keep_order() {
    let mut map = Map::new();
    for i in 0..40 {
        map.insert(format!("k{i}"), Value::from(i));
    }
    map.insert("k3", Value::from("again"));
    for i in 0..40 {
        assert!(map.contains_key(&format!("k{i}")));
    }
    assert_eq!(map.get("k3"), Some(&Value::from("again")));
    assert_eq!(map.keys().nth(3).map(|k| k.as_str()), Some("k3"));
    assert_eq!(map.get("k39"), Some(&Value::from(39)));
    assert_eq!(map.len(), 40);
}

#[test]
fn copies_of_a_large_object_keep_their_own_members() {
    let mut original = Map::new();
    for i in 0..20 {
        original.insert(format!("k{i}"), Value::from(i));
    }
    let mut copy = original.clone();
    copy.insert("extra", Value::from(true));
    original.insert("other", Value::from(false));
    assert_eq!((copy.get("extra"), copy.get("other")), (Some(&Value::from(true)), None));
    assert_eq!((original.get("other"), original.get("extra")), (Some(&Value::from(false)), None));
    assert_eq!((copy.len(), original.len()), (21, 21));
    assert_eq!(copy.get("k19"), original.get("k19"));
}

#[test]
fn changing_a_shared_value_copies_it() {
    let original = Value::from(json!({"a": {"b": 1}}));
    let mut changed = original.clone();
    changed.as_object_mut().unwrap().insert("c", Value::from(2));
    assert_eq!(original, json!({"a": {"b": 1}}));
    assert_eq!(changed, json!({"a": {"b": 1}, "c": 2}));
}

#[test]
fn pointers_resolve_like_serde_json() {
    let v = json!({"a": [10, {"b/c": 1, "d~e": 2}], "": 3});
    let ours = Value::from(&v);
    for p in ["", "/a", "/a/0", "/a/1/b~1c", "/a/1/d~0e", "/", "/a/01", "/a/x", "/missing", "/a/5"] {
        assert_eq!(ours.pointer(p).map(Value::to_json), v.pointer(p).cloned(), "{p}");
    }
}

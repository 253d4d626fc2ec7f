//! Offsets in the document's text: the engine counts bytes, the DOM counts UTF-16 units, and a slice
//! must start and end on character boundaries.

/// The number of UTF-16 code units before byte offset `byte` (what the DOM counts in).
pub fn utf16_of(text: &str, byte: usize) -> u32 {
    let byte = floor_boundary(text, byte);
    text[..byte].encode_utf16().count() as u32
}

/// The byte offset of UTF-16 position `units`.
pub fn byte_of(text: &str, units: u32) -> usize {
    let mut count = 0u32;
    for (i, c) in text.char_indices() {
        if count >= units {
            return i;
        }
        count += c.len_utf16() as u32;
    }
    text.len()
}

/// The nearest character boundary at or before byte `i` (clamped to the text).
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}


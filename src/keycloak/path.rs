//! Percent-encoding of admin API paths.
//!
//! Role, group and client names may contain `/`, `;`, `%`, `+`, `&`, `#`, `?`,
//! spaces and any Unicode. Keycloak's JAX-RS layer treats `;` as a matrix
//! parameter and `/` as a separator, so every byte outside the unreserved set
//! of RFC 3986 is encoded, which is stricter than URL libraries do by default.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Bytes left as they are: RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Joins path segments into `/a/b/c`, each one fully percent-encoded.
pub fn encode_path(segments: &[&str]) -> String {
    let mut path = String::new();
    for segment in segments {
        path.push('/');
        path.extend(utf8_percent_encode(segment, SEGMENT));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_path_escapes_reserved_characters() {
        let path = encode_path(&["shop", "roles", "a/b;c%d+e&f#g h?"]);
        assert_eq!(path, "/shop/roles/a%2Fb%3Bc%25d%2Be%26f%23g%20h%3F");
    }

    #[test]
    fn encode_path_escapes_unicode() {
        assert_eq!(encode_path(&["роль"]), "/%D1%80%D0%BE%D0%BB%D1%8C");
        assert_eq!(encode_path(&["a-b.c_d~e"]), "/a-b.c_d~e");
    }
}

//! The page's address, read the same way on both sides: from the request while the server
//! renders, from the window in the browser. The collector's screens render without the router
//! (its code is a seventh of the phone's download), so they read their address here.

/// The path of the page being rendered ("/thu-phieu").
pub fn current_path() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| parts.uri.path().to_owned())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos::prelude::window()
            .location()
            .pathname()
            .unwrap_or_default()
    }
}

/// The query string of the page being rendered, without the "?".
fn current_query() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.query().map(str::to_owned))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let search = leptos::prelude::window()
            .location()
            .search()
            .unwrap_or_default();
        search.trim_start_matches('?').to_owned()
    }
}

/// One parameter of the page's query string, decoded.
pub fn query_param(key: &str) -> Option<String> {
    param(&current_query(), key)
}

/// The first value of `key` in a query string (`a=1&b=x+y`), with `+` and `%XX` decoded as a
/// form sends them. Broken escapes are kept as typed; bytes that are not UTF-8 become U+FFFD.
pub fn param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(name) == key).then(|| decode(value))
    })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && hex_pair(bytes[i + 1], bytes[i + 2]).is_some() => {
                out.extend(hex_pair(bytes[i + 1], bytes[i + 2]));
                i += 2;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_pair(high: u8, low: u8) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    Some((digit(high)? * 16 + digit(low)?) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_parameter_as_a_form_encodes_it() {
        let query = "loi=sai-mat-khau&ten=nguy%E1%BB%85n+v%C4%83n";
        assert_eq!(param(query, "ten").as_deref(), Some("nguyễn văn"));
        assert_eq!(param(query, "loi").as_deref(), Some("sai-mat-khau"));
        assert_eq!(param(query, "sua"), None);
        assert_eq!(param("", "sua"), None);
    }

    #[test]
    fn keeps_broken_escapes_and_takes_the_first_value() {
        assert_eq!(param("a=50%&a=2", "a").as_deref(), Some("50%"));
        assert_eq!(param("a=%zz%4", "a").as_deref(), Some("%zz%4"));
        assert_eq!(param("a", "a").as_deref(), Some(""));
        assert_eq!(param("a=%FF", "a").as_deref(), Some("\u{FFFD}"));
    }
}

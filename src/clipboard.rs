//! OSC 52 clipboard writes: the escape sequence that requests the operator's terminal to put
//! text on its clipboard. It travels through SSH like any other output, so `y` works on a bastion
//! host with no clipboard of its own. This module builds bytes only; the app loop writes
//! them to the terminal.
//!
//! Terminal multiplexers swallow unknown sequences, so the sequence is wrapped in the
//! multiplexer's passthrough (DCS) envelope when one is detected.
//!
//! NOTE: the terminal decides whether to honour OSC 52. Some disable it by default or cap its
//! size (xterm needs `allowWindowOps`), and tmux 3.3 and later forwards the wrapped sequence
//! only with `set -g allow-passthrough on`. kcdeck cannot tell whether the copy arrived.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

const ESC: &str = "\x1b";
const BEL: &str = "\x07";
/// String terminator of a DCS envelope, `ESC \`.
const ST: &str = "\x1b\\";
/// Bytes of the inner sequence per GNU screen DCS envelope: screen drops envelopes longer
/// than its 768-byte string buffer, so long sequences are split.
const SCREEN_CHUNK: usize = 76;

/// The multiplexer, if any, between kcdeck and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passthrough {
    /// Write the sequence as it is.
    None,
    /// Inside tmux: `ESC P tmux; … ESC \` with every inner ESC doubled.
    Tmux,
    /// Inside GNU screen: `ESC P … ESC \`, split into short envelopes.
    Screen,
}

impl Passthrough {
    /// Detects the multiplexer from the `TMUX` and `TERM` environment variables' values.
    ///
    /// tmux sets `TMUX` and usually a `TERM` starting with `screen` too, so `TMUX` is checked
    /// first and `TERM` counts only outside tmux.
    pub fn detect(tmux: Option<&str>, term: Option<&str>) -> Self {
        if tmux.is_some_and(|value| !value.is_empty()) {
            Self::Tmux
        } else if term.is_some_and(|value| value.starts_with("screen")) {
            Self::Screen
        } else {
            Self::None
        }
    }

    /// Detects the multiplexer from this process's environment.
    pub fn from_env() -> Self {
        let tmux = std::env::var("TMUX").ok();
        let term = std::env::var("TERM").ok();
        Self::detect(tmux.as_deref(), term.as_deref())
    }
}

/// Builds the bytes that put `text` on the terminal's clipboard (`c` selection).
pub fn osc52(text: &str, passthrough: Passthrough) -> String {
    let sequence = format!("{ESC}]52;c;{}{BEL}", STANDARD.encode(text));
    match passthrough {
        Passthrough::None => sequence,
        Passthrough::Tmux => format!("{ESC}Ptmux;{}{ST}", sequence.replace(ESC, "\x1b\x1b")),
        Passthrough::Screen => sequence
            .as_bytes()
            .chunks(SCREEN_CHUNK)
            .map(|chunk| format!("{ESC}P{}{ST}", String::from_utf8_lossy(chunk)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sequence() {
        assert_eq!(
            osc52("checkout-api", Passthrough::None),
            "\x1b]52;c;Y2hlY2tvdXQtYXBp\x07"
        );
    }

    #[test]
    fn empty_text_clears_nothing_special() {
        assert_eq!(osc52("", Passthrough::None), "\x1b]52;c;\x07");
    }

    #[test]
    fn tmux_wraps_and_doubles_escape() {
        assert_eq!(
            osc52("hi", Passthrough::Tmux),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
    }

    #[test]
    fn screen_wraps_short_text_once() {
        assert_eq!(
            osc52("hi", Passthrough::Screen),
            "\x1bP\x1b]52;c;aGk=\x07\x1b\\"
        );
    }

    #[test]
    fn screen_splits_long_text() {
        let text = "x".repeat(300);
        let wrapped = osc52(&text, Passthrough::Screen);
        let envelopes: Vec<&str> = wrapped
            .split("\x1bP")
            .filter(|part| !part.is_empty())
            .collect();
        let inner: String = envelopes
            .iter()
            .map(|part| {
                part.strip_suffix("\x1b\\")
                    .expect("each envelope ends with ST")
            })
            .collect();
        assert_eq!(inner, osc52(&text, Passthrough::None));
        assert!(envelopes.len() > 1);
        assert!(envelopes.iter().all(|part| part.len() <= SCREEN_CHUNK + 2));
    }

    #[test]
    fn unicode_is_base64_of_utf8() {
        assert_eq!(osc52("Über", Passthrough::None), "\x1b]52;c;w5xiZXI=\x07");
    }

    #[test]
    fn detect_prefers_tmux() {
        let detect = Passthrough::detect;
        assert_eq!(
            detect(Some("/tmp/tmux-0/default,1,0"), Some("screen-256color")),
            Passthrough::Tmux
        );
        assert_eq!(
            detect(None, Some("screen.xterm-256color")),
            Passthrough::Screen
        );
        assert_eq!(detect(Some(""), Some("screen")), Passthrough::Screen);
        assert_eq!(detect(None, Some("xterm-256color")), Passthrough::None);
        assert_eq!(detect(None, None), Passthrough::None);
    }
}

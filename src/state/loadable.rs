//! A value that arrives from a server in the background.

/// State of a background load.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Loadable<T> {
    #[default]
    NotLoaded,
    /// A request is in flight; its id lets a newer request win over a late response.
    Loading {
        request: u64,
    },
    Loaded(T),
    /// The load failed with this reason.
    Failed(String),
}

impl<T> Loadable<T> {
    /// Returns the value if it has arrived.
    pub fn loaded(&self) -> Option<&T> {
        match self {
            Self::Loaded(value) => Some(value),
            _ => None,
        }
    }

    /// Reports whether a request is in flight.
    pub fn is_loading(&self) -> bool {
        matches!(self, Self::Loading { .. })
    }

    /// Returns the id of the request in flight, if any.
    pub fn request(&self) -> Option<u64> {
        match self {
            Self::Loading { request } => Some(*request),
            _ => None,
        }
    }
}

//! Protection rules as data: what an operator must do before a plan for an
//! environment may be applied.
//!
//! A read-only environment, a file environment, or a session started with
//! `--read-only` rejects writes. The HTTP client rejects them as well, so
//! this is the first of two checks. A protected environment requires the
//! operator to type its name. Any other environment requires a plain yes.

use crate::config::{Environment, Kind};

/// Confirmation step that a plan for one environment needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// A plain yes.
    Confirm { env: String },
    /// The operator types the environment's name exactly.
    TypeName { env: String },
    /// Writes are rejected, and `reason` explains why to the operator.
    Refused { env: String, reason: String },
}

/// Proof that a plan's environment was confirmed; only [`Requirement::accept`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    env: String,
}

impl Confirmed {
    /// Returns the environment the confirmation is for.
    pub fn env(&self) -> &str {
        &self.env
    }
}

/// Failure to confirm a plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfirmError {
    #[error("environment \"{env}\" is read-only ({reason}); nothing was changed")]
    Refused { env: String, reason: String },
    #[error(
        "environment \"{env}\" is protected: type its name exactly to confirm (got \"{typed}\")"
    )]
    NameMismatch { env: String, typed: String },
}

/// Decides what confirming a write to `env` takes in this session.
pub fn confirmation_for(env: &Environment, session_read_only: bool) -> Requirement {
    let name = env.name.clone();
    if session_read_only {
        return Requirement::Refused {
            env: name,
            reason: "kcdeck was started with --read-only".to_owned(),
        };
    }
    if matches!(env.kind, Kind::File { .. }) {
        return Requirement::Refused {
            env: name,
            reason: "it is a file, not a server".to_owned(),
        };
    }
    if env.read_only {
        return Requirement::Refused {
            env: name,
            reason: "the config sets read_only = true".to_owned(),
        };
    }
    if env.protected {
        return Requirement::TypeName { env: name };
    }
    Requirement::Confirm { env: name }
}

/// Builds the requirement from flags kept apart from the config, as the UI
/// state keeps them; `read_only` already includes the session's `--read-only`.
pub fn requirement_from_flags(env: &str, read_only: bool, protected: bool) -> Requirement {
    let env = env.to_owned();
    if read_only {
        Requirement::Refused {
            env,
            reason: "the environment is read-only in this session".to_owned(),
        }
    } else if protected {
        Requirement::TypeName { env }
    } else {
        Requirement::Confirm { env }
    }
}

/// Reports whether `typed` satisfies the requirement: anything for a plain
/// confirmation, the exact environment name for a protected one, and
/// nothing for a refused one.
pub fn check_typed(requirement: &Requirement, typed: &str) -> bool {
    match requirement {
        Requirement::Confirm { .. } => true,
        Requirement::TypeName { env } => typed == env,
        Requirement::Refused { .. } => false,
    }
}

impl Requirement {
    /// Returns the environment the requirement is for.
    pub fn env(&self) -> &str {
        match self {
            Self::Confirm { env } | Self::TypeName { env } | Self::Refused { env, .. } => env,
        }
    }

    /// Returns the prompt that requests the operator's confirmation.
    pub fn prompt(&self) -> String {
        match self {
            Self::Confirm { env } => format!("apply to {env}? (y/n)"),
            Self::TypeName { env } => format!("{env} is protected: type \"{env}\" to apply"),
            Self::Refused { env, reason } => format!("{env} is read-only ({reason})"),
        }
    }

    /// Checks what the operator typed and returns the confirmation.
    pub fn accept(&self, typed: &str) -> Result<Confirmed, ConfirmError> {
        if check_typed(self, typed) {
            return Ok(Confirmed {
                env: self.env().to_owned(),
            });
        }
        Err(match self {
            Self::Refused { env, reason } => ConfirmError::Refused {
                env: env.clone(),
                reason: reason.clone(),
            },
            other => ConfirmError::NameMismatch {
                env: other.env().to_owned(),
                typed: typed.to_owned(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use ratatui::style::Color;

    use super::*;

    fn environment(read_only: bool, protected: bool) -> Environment {
        let loaded = crate::config::parse(
            "[[environment]]\nname = \"prod\"\nurl = \"https://kc.example.com\"\n\
             username = \"admin\"\nsecret = { env = \"KCDECK_TEST_UNUSED\" }\n",
            std::path::Path::new("/tmp/kcdeck-test.toml"),
        )
        .expect("valid config");
        let mut env = loaded.config.environments[0].clone();
        env.read_only = read_only;
        env.protected = protected;
        env
    }

    #[test]
    fn plain_environment_needs_plain_yes() {
        let requirement = confirmation_for(&environment(false, false), false);
        assert_eq!(requirement, Requirement::Confirm { env: "prod".into() });
        assert!(check_typed(&requirement, ""));
        assert_eq!(requirement.accept("").expect("confirmed").env(), "prod");
    }

    #[test]
    fn protected_environment_needs_exact_name() {
        let requirement = confirmation_for(&environment(false, true), false);
        assert_eq!(requirement, Requirement::TypeName { env: "prod".into() });
        assert!(check_typed(&requirement, "prod"));
        assert!(!check_typed(&requirement, "Prod"));
        assert!(!check_typed(&requirement, "prod "));
        assert!(!check_typed(&requirement, ""));
        assert_eq!(
            requirement.accept("stage"),
            Err(ConfirmError::NameMismatch {
                env: "prod".into(),
                typed: "stage".into()
            })
        );
    }

    #[test]
    fn read_only_environment_is_refused() {
        let requirement = confirmation_for(&environment(true, true), false);
        assert!(matches!(requirement, Requirement::Refused { .. }));
        assert!(!check_typed(&requirement, "prod"));
        assert!(matches!(
            requirement.accept("prod"),
            Err(ConfirmError::Refused { .. })
        ));
    }

    #[test]
    fn session_read_only_refuses_everything() {
        let requirement = confirmation_for(&environment(false, false), true);
        assert_eq!(
            requirement,
            Requirement::Refused {
                env: "prod".into(),
                reason: "kcdeck was started with --read-only".into()
            }
        );
    }

    #[test]
    fn flags_give_same_requirements() {
        assert!(matches!(
            requirement_from_flags("prod", true, true),
            Requirement::Refused { .. }
        ));
        assert_eq!(
            requirement_from_flags("prod", false, true),
            Requirement::TypeName { env: "prod".into() }
        );
        assert_eq!(
            requirement_from_flags("dev", false, false),
            Requirement::Confirm { env: "dev".into() }
        );
    }

    #[test]
    fn file_environment_is_refused() {
        let env = Environment {
            name: "git".into(),
            color: Color::Blue,
            read_only: false,
            protected: false,
            realm_names: BTreeMap::new(),
            kind: Kind::File {
                path: PathBuf::from("export.json"),
            },
        };
        assert!(matches!(
            confirmation_for(&env, false),
            Requirement::Refused { .. }
        ));
    }
}

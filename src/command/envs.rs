//! `kcdeck envs`: one line per environment with reachability, Keycloak
//! version, logged-in identity and request latency.

use std::time::Instant;

use futures::future::join_all;

use crate::config::Config;
use crate::runtime::Backend;

/// Outcome of checking one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvReport {
    pub name: String,
    pub target: String,
    pub outcome: Result<(String, String), String>,
    pub latency_ms: u128,
}

/// Checks every environment concurrently and returns one report each, in config order.
pub async fn check_all(config: &Config, backends: &[Backend]) -> Vec<EnvReport> {
    let checks = config
        .environments
        .iter()
        .zip(backends)
        .map(|(env, backend)| async move {
            let started = Instant::now();
            let outcome = check(backend).await;
            let target = match backend {
                Backend::Live(client) => client.connection().base_url.clone(),
                Backend::File(path) => path.display().to_string(),
                Backend::Broken(_) => String::new(),
            };
            EnvReport {
                name: env.name.clone(),
                target,
                outcome,
                latency_ms: started.elapsed().as_millis(),
            }
        });
    join_all(checks).await
}

/// Checks one environment the way the terminal UI does at start-up: log in,
/// read the version, list the realms.
async fn check(backend: &Backend) -> Result<(String, String), String> {
    let facts = crate::runtime::check_server(backend).await?;
    let realms = crate::runtime::load_realms(backend).await?;
    match backend {
        Backend::File(_) => Ok(("file".to_owned(), format!("realms {}", realms.join(", ")))),
        Backend::Live(_) | Backend::Broken(_) => {
            Ok((format!("Keycloak {}", facts.version), facts.identity))
        }
    }
}

/// Formats the reports as an aligned table.
pub fn format_reports(reports: &[EnvReport]) -> String {
    let width = reports
        .iter()
        .map(|report| report.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    for report in reports {
        let line = match &report.outcome {
            Ok((version, identity)) => format!(
                "{:<width$}  ok      {version:<16} {identity:<20} {:>5} ms  {}\n",
                report.name, report.latency_ms, report.target
            ),
            Err(reason) => format!(
                "{:<width$}  FAILED  {reason}  ({})\n",
                report.name, report.target
            ),
        };
        out.push_str(&line);
    }
    out
}

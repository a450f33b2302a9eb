//! What users decide on top of the rules: the configuration file, inline suppressions and
//! baselines.

pub mod baseline;
pub mod config;
pub mod suppress;

pub use baseline::{Baseline, BaselineEntry, apply_baseline, read_baseline, write_baseline};
pub use config::{
    Config, DEFAULT_CONFIG, LintConfig, RulesConfig, apply_config, find_config, load_config,
    parse_severity, write_default_config,
};
pub use suppress::{SUPPRESSION_RULES, apply_suppressions};

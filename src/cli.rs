//! Command line (design §5).

use crate::load::CliVar;
use crate::report::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "authwire",
    version,
    about = "Proves an AWS auth setup in Terraform (API Gateway + Cognito + ACM + Route 53) is wired consistently"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

use crate::lint::FailOn;

/// The options `lint` and `hook` share: one pipeline, one behaviour.
#[derive(clap::Args)]
struct LintOpts {
    /// Report format (default: text, or the config file's). Repeatable: the n-th --format
    /// goes to the n-th --output; one format may be left without an output (stdout).
    #[arg(short = 'f', long, value_enum)]
    format: Vec<Format>,
    /// Write the report to this file instead of stdout (repeatable, paired with --format; alone,
    /// the file's extension names the format: .sarif, .json, .junit.xml, .checkstyle.xml,
    /// .codequality.json, .txt).
    #[arg(short = 'o', long)]
    output: Vec<PathBuf>,
    /// Set a root variable, NAME=VALUE (repeatable; later wins).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Read root variables from a tfvars file (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// The lowest severity that makes the exit code 1 (default: warning, or the config file's).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Configuration file (default: .authwire.toml found upward from the current directory).
    #[arg(short = 'c', long)]
    config: Option<PathBuf>,
    /// Ignore every inline `# authwire:ignore` comment.
    #[arg(long)]
    no_inline_ignores: bool,
    /// Report only findings that are not in this baseline (and list the fixed ones).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (exit 0 unless an input failed).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// No summary line on standard error.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Colors in the text report: auto (a terminal, unless NO_COLOR is set; CLICOLOR_FORCE or
    /// FORCE_COLOR force them), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl LintOpts {
    fn request(
        self,
        paths: Vec<PathBuf>,
        source: Option<PathBuf>,
        changed: Option<Vec<PathBuf>>,
        cli_vars: Vec<CliVar>,
    ) -> crate::lint::Request {
        crate::lint::Request {
            paths,
            source,
            changed,
            formats: self.format,
            outputs: self.output,
            cli_vars,
            fail_on: self.fail_on,
            config: self.config,
            no_inline_ignores: self.no_inline_ignores,
            baseline: self.baseline,
            write_baseline: self.write_baseline,
            quiet: self.quiet,
            color: match self.color {
                ColorChoice::Auto => None,
                ColorChoice::Always => Some(true),
                ColorChoice::Never => Some(false),
            },
        }
    }
}

#[derive(Subcommand)]
enum Cmd {
    /// Lint Terraform directories, files and plan JSON.
    Lint {
        /// Directories (recursive), .tf/.tf.json files, or plan JSON files (`-`: a plan on
        /// standard input).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// The configuration a plan was made from: plan findings get its file:line locations
        /// (default: the plan's own directory, when it holds .tf files).
        #[arg(long, value_name = "DIR")]
        source: Option<PathBuf>,
        #[command(flatten)]
        opts: LintOpts,
    },
    /// Verify an access token offline against a saved JWKS and say which routes accept it.
    Token {
        /// The configuration, as `lint` takes it (directories, .tf files, plan JSON).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// The user pool's JWKS saved as a file (<issuer>/.well-known/jwks.json).
        #[arg(long)]
        jwks: PathBuf,
        /// Read the token from this file (default: standard input; never from an argument).
        #[arg(long)]
        token_file: Option<PathBuf>,
        /// The time to check exp/nbf/iat against: unix seconds or RFC 3339 (default: now).
        #[arg(long)]
        now: Option<String>,
        /// Only this route decides the exit code: "METHOD /path" (REST) or a route key (HTTP API).
        #[arg(long)]
        route: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: TokenFormat,
        #[arg(long = "var", value_name = "NAME=VALUE")]
        vars: Vec<String>,
        #[arg(long = "var-file", value_name = "FILE")]
        var_files: Vec<PathBuf>,
    },
    /// For pre-commit: lint the Terraform roots (under the current directory) that contain the
    /// changed files given.
    Hook {
        /// Changed files (pre-commit passes them).
        files: Vec<PathBuf>,
        #[command(flatten)]
        opts: LintOpts,
    },
    /// Evaluate one expression as Terraform would, in the scope of a root module (or of a module
    /// instance): the debugging aid for "cannot verify" notes.
    Eval {
        /// The root module directory (default: the current directory).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The expression, in Terraform syntax.
        #[arg(long)]
        expr: String,
        /// Evaluate inside this module instance (`module.api`, `module.api["x"]`).
        #[arg(long, value_name = "ADDRESS")]
        module: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: TokenFormat,
        #[arg(long = "var", value_name = "NAME=VALUE")]
        vars: Vec<String>,
        #[arg(long = "var-file", value_name = "FILE")]
        var_files: Vec<PathBuf>,
    },
    /// Write a commented default .authwire.toml in the current directory.
    Init,
    /// List the rules: id, severity, title.
    Rules {
        /// text (a line per rule) or json (id, severity, title, documentation link).
        #[arg(short = 'f', long, value_enum, default_value = "text")]
        format: TokenFormat,
    },
    /// Print a rule's documentation.
    Explain { rule: String },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `authwire man > authwire.1`.
    Man,
}

/// `ordered_vars`, reporting a malformed `--var` on stderr (the caller exits with 2).
fn ordered_vars_or_report(
    args: &[String],
    vars: &[String],
    files: &[PathBuf],
    stderr: &mut dyn Write,
) -> Option<Vec<CliVar>> {
    match ordered_vars(args, vars, files) {
        Ok(v) => Some(v),
        Err(e) => {
            let _ = writeln!(stderr, "authwire: {e}");
            None
        }
    }
}

/// `--var` and `--var-file` in the order given on the command line.
fn ordered_vars(
    args: &[String],
    vars: &[String],
    files: &[PathBuf],
) -> Result<Vec<CliVar>, String> {
    let mut out = Vec::new();
    let (mut vi, mut fi) = (0, 0);
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let is_var = a == "--var" || a.starts_with("--var=");
        let is_file = a == "--var-file" || a.starts_with("--var-file=");
        if is_var && vi < vars.len() {
            out.push(vars[vi].clone().into());
            vi += 1;
        } else if is_file && fi < files.len() {
            out.push(CliVarArg::File(files[fi].clone()));
            fi += 1;
        }
        if (is_var || is_file) && !a.contains('=') {
            i += 1;
        }
        i += 1;
    }
    // anything not matched positionally (e.g. called as a library) keeps clap's order
    out.extend(vars[vi..].iter().cloned().map(CliVarArg::from));
    out.extend(files[fi..].iter().cloned().map(CliVarArg::File));
    out.into_iter()
        .map(|v| match v {
            CliVarArg::File(p) => Ok(CliVar::File(p)),
            CliVarArg::Pair(s) => match s.split_once('=') {
                Some((n, v)) if !n.is_empty() => Ok(CliVar::Pair(n.to_string(), v.to_string())),
                _ => Err(format!("--var {s}: expected NAME=VALUE")),
            },
        })
        .collect()
}

enum CliVarArg {
    File(PathBuf),
    Pair(String),
}
impl From<String> for CliVarArg {
    fn from(s: String) -> Self {
        CliVarArg::Pair(s)
    }
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
    let color = set("CLICOLOR_FORCE")
        || set("FORCE_COLOR")
        || (std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()));
    let code = run(
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
        color,
    );
    ExitCode::from(code)
}

/// The whole command line: returns the exit code; the report goes to `stdout` (or `--output`),
/// the summary and usage errors to `stderr`.
pub fn run(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write, color: bool) -> u8 {
    run_with_stdin(args, &mut std::io::stdin().lock(), stdout, stderr, color)
}

/// `run` with the standard input given (`authwire token` reads the token from it).
pub fn run_with_stdin(
    args: &[String],
    stdin: &mut dyn std::io::Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    color: bool,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = e.render().to_string();
            let _ = if code == 2 {
                stderr.write_all(text.as_bytes())
            } else {
                stdout.write_all(text.as_bytes())
            };
            return code;
        }
    };
    match cli.cmd {
        Cmd::Token {
            paths,
            jwks,
            token_file,
            now,
            route,
            format,
            vars,
            var_files,
        } => {
            let Some(cli_vars) = ordered_vars_or_report(args, &vars, &var_files, stderr) else {
                return 2;
            };
            token_cmd(
                TokenArgs {
                    paths,
                    jwks,
                    token_file,
                    now,
                    route,
                    format,
                    cli_vars,
                },
                stdin,
                stdout,
                stderr,
            )
        }
        Cmd::Hook { files, opts } => {
            let tf: Vec<PathBuf> = files
                .into_iter()
                .filter(|f| {
                    let n = f.to_string_lossy();
                    [
                        ".tf",
                        ".tf.json",
                        ".tofu",
                        ".tofu.json",
                        ".tfvars",
                        ".tfvars.json",
                    ]
                    .iter()
                    .any(|e| n.ends_with(e))
                })
                .collect();
            if tf.is_empty() {
                return 0;
            }
            let Some(cli_vars) = ordered_vars_or_report(args, &opts.vars, &opts.var_files, stderr)
            else {
                return 2;
            };
            // the same pipeline as lint: config, suppressions, baseline, formats, fail-on
            let req = opts.request(vec![PathBuf::from(".")], None, Some(tf), cli_vars);
            crate::lint::lint(&req, stdout, stderr, req.color.unwrap_or(color))
        }
        Cmd::Eval {
            path,
            expr,
            module,
            format,
            vars,
            var_files,
        } => {
            let Some(cli_vars) = ordered_vars_or_report(args, &vars, &var_files, stderr) else {
                return 2;
            };
            match crate::evalcmd::run(&path, &expr, module.as_deref(), &cli_vars) {
                Ok((v, diags, files)) => {
                    let text = match format {
                        TokenFormat::Json => {
                            let mut j = crate::evalcmd::to_json(&v);
                            if let serde_json::Value::Object(m) = &mut j {
                                m.insert(
                                    "errors".into(),
                                    serde_json::Value::Array(
                                        diags
                                            .iter()
                                            .map(|d| crate::evalcmd::diag_json(d, &files))
                                            .collect(),
                                    ),
                                );
                            }
                            format!("{j}\n")
                        }
                        TokenFormat::Text => format!("{}\n", crate::evalcmd::to_text(&v, 0)),
                    };
                    for d in &diags {
                        let loc = d
                            .location(&files)
                            .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
                            .unwrap_or_default();
                        let _ = writeln!(stderr, "authwire: {loc}{}", d.message);
                    }
                    if diags.is_empty() {
                        let _ = stdout.write_all(text.as_bytes());
                        0
                    } else {
                        if format == TokenFormat::Json {
                            let _ = stdout.write_all(text.as_bytes());
                        }
                        2
                    }
                }
                Err(e) => {
                    let _ = writeln!(stderr, "authwire: {e}");
                    2
                }
            }
        }
        Cmd::Init => match crate::settings::write_default_config(std::path::Path::new(".")) {
            Ok(p) => {
                let _ = writeln!(stdout, "wrote {}", crate::source::display_path(&p));
                0
            }
            Err(e) => {
                let _ = writeln!(stderr, "authwire: {e}");
                2
            }
        },
        Cmd::Rules { format } => {
            let mut s = String::new();
            if format == TokenFormat::Json {
                let list: Vec<serde_json::Value> = crate::rules::all()
                    .iter()
                    .map(|r| {
                        let m = r.meta();
                        serde_json::json!({
                            "id": m.id,
                            "severity": m.severity.as_str(),
                            "title": m.title,
                            "help_uri": crate::report::rule_doc_url(m.id),
                        })
                    })
                    .collect();
                s = serde_json::to_string_pretty(&list).unwrap_or_default();
                s.push('\n');
            } else {
                for r in crate::rules::all() {
                    let m = r.meta();
                    s.push_str(&format!(
                        "{:<32} {:<8} {}\n",
                        m.id,
                        m.severity.as_str(),
                        m.title
                    ));
                }
            }
            let _ = stdout.write_all(s.as_bytes());
            0
        }
        Cmd::Man => {
            use clap::CommandFactory;
            match clap_mangen::Man::new(Cli::command()).render(stdout) {
                Ok(()) => 0,
                Err(e) => {
                    let _ = writeln!(stderr, "authwire: {e}");
                    2
                }
            }
        }
        Cmd::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "authwire", stdout);
            0
        }
        Cmd::Explain { rule } => match crate::rules::find(&rule) {
            Some(r) => {
                let _ = stdout.write_all(r.meta().docs.as_bytes());
                0
            }
            None => {
                let ids: Vec<String> = crate::rules::all()
                    .iter()
                    .map(|r| r.meta().id.to_string())
                    .collect();
                let hint = crate::rules::support::did_you_mean(&rule, &ids)
                    .map(|m| format!(" (did you mean {m}?)"))
                    .unwrap_or_default();
                let _ = writeln!(
                    stderr,
                    "authwire: no rule named {rule}{hint}; `authwire rules` lists them"
                );
                2
            }
        },
        Cmd::Lint {
            paths,
            source,
            opts,
        } => {
            let Some(cli_vars) = ordered_vars_or_report(args, &opts.vars, &opts.var_files, stderr)
            else {
                return 2;
            };
            // `-`: a plan JSON on standard input (`terraform show -json plan.out | authwire lint -`)
            let mut paths = paths;
            let mut tmp = None;
            if let Some(i) = paths.iter().position(|p| p.as_os_str() == "-") {
                use std::io::Read;
                let mut text = String::new();
                // the plan is read again from a file: the same limit as every input
                let limit = crate::input::MAX_INPUT_BYTES;
                if let Err(e) = stdin.take(limit + 1).read_to_string(&mut text) {
                    let _ = writeln!(stderr, "authwire: cannot read standard input: {e}");
                    return 2;
                }
                if text.len() as u64 > limit {
                    let _ = writeln!(
                        stderr,
                        "authwire: standard input is larger than authwire's limit of {} MiB; not read",
                        limit >> 20
                    );
                    return 2;
                }
                let dir =
                    std::env::temp_dir().join(format!("authwire-stdin-{}", std::process::id()));
                let file = dir.join("stdin-plan.json");
                if let Err(e) =
                    std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&file, text))
                {
                    let _ = writeln!(stderr, "authwire: cannot keep standard input: {e}");
                    return 2;
                }
                paths[i] = file;
                tmp = Some(dir);
            }
            let req = opts.request(paths, source, None, cli_vars);
            let code = crate::lint::lint(&req, stdout, stderr, req.color.unwrap_or(color));
            if let Some(d) = tmp {
                let _ = std::fs::remove_dir_all(d);
            }
            code
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum TokenFormat {
    Text,
    Json,
}

struct TokenArgs {
    paths: Vec<PathBuf>,
    jwks: PathBuf,
    token_file: Option<PathBuf>,
    now: Option<String>,
    route: Option<String>,
    format: TokenFormat,
    cli_vars: Vec<CliVar>,
}

fn token_cmd(
    a: TokenArgs,
    stdin: &mut dyn std::io::Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    use std::io::Read;
    let fail = |stderr: &mut dyn Write, m: String| -> u8 {
        let _ = writeln!(stderr, "authwire: {m}");
        2
    };
    // a token given as an argument ends up in shell history and process lists: refuse it, and
    // never print it back
    if a.paths.iter().any(|p| {
        let s = p.to_string_lossy();
        let s = s
            .trim_start_matches("Bearer ")
            .trim_start_matches("bearer ");
        s.starts_with("eyJ") && s.split('.').count() == 3
    }) {
        return fail(
            stderr,
            "a token was given as an argument: pass the token on standard input or --token-file (it is not printed here)".into(),
        );
    }
    // refused if special or too large (crate::input); UTF-8 (a BOM allowed) or UTF-16 with a
    // BOM, as configuration files are read
    let jwks_text = match crate::input::read(&a.jwks).and_then(|b| crate::load::decode(&b)) {
        Ok(t) => t,
        Err(e) => {
            return fail(
                stderr,
                format!("cannot read the JWKS {}: {e}", a.jwks.display()),
            );
        }
    };
    let jwks: jsonwebtoken::jwk::JwkSet = match serde_json::from_str(&jwks_text) {
        Ok(j) => j,
        Err(e) => {
            return fail(
                stderr,
                format!(
                    "{}:{}:{}: not a JWKS: {e}",
                    a.jwks.display(),
                    e.line(),
                    e.column()
                ),
            );
        }
    };
    let dup = crate::token::duplicate_kids(&jwks);
    if !dup.is_empty() {
        return fail(
            stderr,
            format!(
                "{}: the JWKS has several keys with kid {}: which key verifies a token would be a guess; kids must be unique",
                a.jwks.display(),
                dup.join(", ")
            ),
        );
    }
    // read at most a little more than the limit: larger tokens are refused, not buffered
    let limit = (crate::token::MAX_TOKEN_BYTES + 1) as u64;
    let mut raw = String::new();
    let read = match &a.token_file {
        Some(p) => crate::input::head(p, limit)
            .and_then(|b| String::from_utf8(b).map_err(|e| format!("not valid UTF-8: {e}")))
            .map(|t| raw = t)
            .map_err(|e| format!("cannot read the token file {}: {e}", p.display())),
        None => stdin
            .take(limit)
            .read_to_string(&mut raw)
            .map(|_| ())
            .map_err(|e| format!("cannot read the token from standard input: {e}")),
    };
    if let Err(e) = read {
        return fail(stderr, e);
    }
    if raw.trim().is_empty() {
        return fail(
            stderr,
            "no token: pipe it on standard input or pass --token-file".into(),
        );
    }
    let now = match &a.now {
        // only ASCII is a date or a number (and the date parser slices by bytes)
        Some(s) => match Some(s.as_str())
            .filter(|s| s.is_ascii())
            .and_then(crate::token::parse_time)
        {
            Some(t) => t,
            None => {
                return fail(
                    stderr,
                    format!("--now {s}: expected unix seconds or RFC 3339 (2026-11-24T17:00:00Z)"),
                );
            }
        },
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    let (files, models, errors) = crate::lint::load_models(&a.paths, &a.cli_vars);
    if !errors.is_empty() {
        for e in &errors {
            let loc = e
                .location(&files)
                .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
                .unwrap_or_default();
            let _ = writeln!(stderr, "authwire: {loc}{}", e.message);
        }
        return 2;
    }
    let report = crate::token::check(&raw, &jwks, now, &models);
    if let Some(r) = &a.route
        && !report.routes.iter().any(|x| &x.route == r)
    {
        let known: Vec<&str> = report.routes.iter().map(|x| x.route.as_str()).collect();
        return fail(
            stderr,
            format!(
                "--route {r}: no such route; the configuration has: {}",
                known.join(", ")
            ),
        );
    }
    let text = match a.format {
        TokenFormat::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        TokenFormat::Text => crate::token::render_text(&report),
    };
    let _ = stdout.write_all(text.as_bytes());
    let accepted = match &a.route {
        Some(r) => report.routes.iter().any(|x| &x.route == r && x.allowed),
        None => report
            .routes
            .iter()
            .any(|x| x.allowed && !x.reason.starts_with("open:")),
    };
    if report.valid && accepted { 0 } else { 1 }
}

fn main() -> std::process::ExitCode {
    authwire::cli::main()
}

// mimalloc: evaluation allocates many small values; glibc's malloc spent a third of the run on
// bookkeeping (perf: malloc_consolidate, unlink_chunk, _int_free) in the one-root benchmark.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    authwire::cli::main()
}

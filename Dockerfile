# A minimal image: the static musl binary from the release (built by .github/workflows/release.yml
# and copied here as ./authwire), nothing else. Usage:
#   docker run --rm -v "$PWD:/src" -w /src ghcr.io/authwire/authwire:0.1.0 lint .
FROM scratch
COPY authwire /authwire
COPY LICENSE-MIT LICENSE-APACHE /
ENTRYPOINT ["/authwire"]

//! `authwire token`: verifies a Cognito access token offline against a saved JWKS and says which
//! API routes of the configuration accept it, and why the others do not.

use crate::model::cognito::Token as CognitoToken;
use crate::model::cognito::{Issuer, issuer_pools};
use crate::model::http::RouteAuthorization;
use crate::model::rest::Authorization;
use crate::model::view::{HttpRoute, RestMethod, State, UserPool, UserPoolClient};
use crate::model::{Model, Resource};
use crate::value::{Part, V, Val};
use jsonwebtoken::jwk::{
    AlgorithmParameters, Jwk, JwkSet, KeyAlgorithm, KeyOperations, PublicKeyUse,
};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::Serialize;
use serde_json::Value as J;
use std::collections::BTreeSet;

/// Tokens larger than this are refused before any decoding (Cognito tokens are a few KiB).
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;
/// Clock skew accepted on exp, nbf and iat, in seconds.
pub const LEEWAY: i64 = 60;

#[derive(Serialize, Clone, Debug)]
pub struct Problem {
    pub check: &'static str,
    pub message: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct RouteVerdict {
    pub route: String,
    pub resource: String,
    pub allowed: bool,
    /// False when the verdict rests on something the configuration does not know before apply.
    pub verified: bool,
    pub reason: String,
}

#[derive(Serialize, Debug)]
pub struct Report {
    pub valid: bool,
    pub problems: Vec<Problem>,
    /// "Cannot verify" remarks: values the configuration does not know (pool ids before apply, …).
    pub notes: Vec<String>,
    pub claims: J,
    pub routes: Vec<RouteVerdict>,
}

fn problem(check: &'static str, message: impl Into<String>) -> Problem {
    Problem {
        check,
        message: message.into(),
    }
}

/// `https://cognito-idp.<region>.amazonaws.com/<pool id>` → (region, pool id).
pub fn parse_issuer(iss: &str) -> Option<(String, String)> {
    let rest = iss.strip_prefix("https://cognito-idp.")?;
    let (region, rest) = rest.split_once(".amazonaws.com/")?;
    if region.is_empty() || rest.is_empty() || rest.contains('/') {
        return None;
    }
    Some((region.to_string(), rest.to_string()))
}

pub use crate::dates::{parse_time, rfc3339};

/// What the verified token says.
struct Token {
    region: Option<String>,
    pool_id: Option<String>,
    client_id: Option<String>,
    scopes: Vec<String>,
    access: bool,
}

/// Header parameters the JWS and JWA specifications define: `crit` must not list them (RFC 7515
/// §4.1.11).
const JWS_HEADER_PARAMETERS: [&str; 17] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv",
];

/// Why a `crit` header parameter makes the token unacceptable. This verifier understands no JWS
/// extension, so every well-formed `crit` names one it does not understand (RFC 7515 §4.1.11:
/// the token must then be rejected); an empty or non-array `crit`, or one listing a parameter of
/// the specification itself or absent from the header, is malformed.
fn crit_problem(crit: &J, header: &J) -> Option<String> {
    let Some(names) = crit.as_array() else {
        return Some(format!(
            "the header's crit is {}, not an array of header parameter names: the header is malformed",
            json_type(crit)
        ));
    };
    if names.is_empty() {
        return Some("the header's crit is an empty array (RFC 7515 §4.1.11 forbids it): the header is malformed".into());
    }
    let mut shown = Vec::new();
    for n in names {
        let Some(n) = n.as_str() else {
            return Some(format!(
                "the header's crit lists {}, not a header parameter name: the header is malformed",
                json_type(n)
            ));
        };
        if JWS_HEADER_PARAMETERS.contains(&n) {
            return Some(format!(
                "the header's crit lists {n:?}, a parameter of the JWS specification itself (RFC 7515 §4.1.11 forbids it): the header is malformed"
            ));
        }
        if header.get(n).is_none() {
            return Some(format!(
                "the header's crit lists {n:?}, which the header does not have: the header is malformed"
            ));
        }
        shown.push(format!("{n:?}"));
    }
    Some(format!(
        "the header's crit marks {} as critical, an extension this verifier does not understand: the token must be refused (RFC 7515 §4.1.11)",
        shown.join(", ")
    ))
}

/// The JSON type of a value, for messages (never the value itself).
fn json_type(v: &J) -> &'static str {
    match v {
        J::Null => "null",
        J::Bool(_) => "a boolean",
        J::Number(_) => "a number",
        J::String(_) => "a string",
        J::Array(_) => "an array",
        J::Object(_) => "an object",
    }
}

/// The kids that several keys of the JWKS share (a JWKS whose kids are not unique cannot say
/// which key verifies a token), sorted.
pub fn duplicate_kids(jwks: &JwkSet) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    let mut dup = BTreeSet::new();
    for kid in jwks.keys.iter().filter_map(|k| k.common.key_id.as_deref()) {
        if !seen.insert(kid) {
            dup.insert(kid);
        }
    }
    dup.into_iter().collect()
}

/// How a JWK field value is spelled in JSON (`enc`, `RSA-OAEP`, …).
fn jwk_name(v: &impl Serialize) -> String {
    match serde_json::to_value(v) {
        Ok(J::String(s)) => s,
        _ => "?".to_string(),
    }
}

/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;

/// Why the JWKS key `kid` cannot verify an RS256 token: a `use` other than `sig`, `key_ops`
/// without `verify`, an `alg` other than RS256, not an RSA key, a modulus under
/// [`MIN_RSA_BITS`], or a public exponent other than 65537.
fn key_problem(jwk: &Jwk, kid: &str) -> Option<String> {
    use base64::Engine as _;
    let c = &jwk.common;
    if let Some(u) = &c.public_key_use
        && *u != PublicKeyUse::Signature
    {
        return Some(format!(
            "the JWKS key {kid} has use {:?}, not \"sig\": it is not a signature key and cannot verify a token",
            jwk_name(u)
        ));
    }
    if let Some(ops) = &c.key_operations
        && !ops.contains(&KeyOperations::Verify)
    {
        let ops: Vec<String> = ops.iter().map(|o| format!("{:?}", jwk_name(o))).collect();
        return Some(format!(
            "the JWKS key {kid} has key_ops [{}], without \"verify\": it cannot verify a token",
            ops.join(", ")
        ));
    }
    if let Some(alg) = c.key_algorithm
        && alg != KeyAlgorithm::RS256
    {
        let alg = if alg == KeyAlgorithm::UNKNOWN_ALGORITHM {
            "an algorithm this verifier does not know".to_string()
        } else {
            format!("alg {:?}", jwk_name(&alg))
        };
        return Some(format!(
            "the JWKS key {kid} is for {alg}, not RS256: it cannot verify an RS256 token"
        ));
    }
    let AlgorithmParameters::RSA(rsa) = &jwk.algorithm else {
        return Some(format!(
            "the JWKS key {kid} is not an RSA key: it cannot verify an RS256 token"
        ));
    };
    let b64 = |s: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s.trim_end_matches('='))
            .ok()
    };
    let Some(n) = b64(&rsa.n) else {
        return Some(format!(
            "the JWKS key {kid} cannot be used: its modulus n is not base64url"
        ));
    };
    let Some(e) = b64(&rsa.e) else {
        return Some(format!(
            "the JWKS key {kid} cannot be used: its exponent e is not base64url"
        ));
    };
    let n = &n[n.iter().take_while(|b| **b == 0).count()..];
    let bits = n
        .first()
        .map_or(0, |b| n.len() * 8 - b.leading_zeros() as usize);
    if bits < MIN_RSA_BITS {
        return Some(format!(
            "the JWKS key {kid} is a {bits}-bit RSA key: keys under {MIN_RSA_BITS} bits are refused (they can be factored)"
        ));
    }
    let e = &e[e.iter().take_while(|b| **b == 0).count()..];
    if e.len() > 8 {
        return Some(format!(
            "the JWKS key {kid} has a public exponent of {} bits: only 65537 is accepted",
            e.len() * 8
        ));
    }
    let e = e.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    if e != 65_537 {
        let why = if e % 2 == 0 {
            "an even exponent is not a valid RSA key"
        } else if e < 65_537 {
            "a small exponent makes signature forgeries easier"
        } else {
            "Cognito and the usual RSA tooling use 65537"
        };
        return Some(format!(
            "the JWKS key {kid} has public exponent {e}: only 65537 is accepted ({why})"
        ));
    }
    None
}

/// The NumericDate claim `k` (RFC 7519 §2: seconds since 1970, an integer or not) rounded up to
/// a whole second, saturating far outside i64; `Err` when the claim is not a JSON number.
fn numeric_date(claims: &J, k: &str) -> Result<Option<i128>, String> {
    match claims.get(k) {
        None => Ok(None),
        Some(J::Number(n)) => Ok(Some(if let Some(i) = n.as_i64() {
            i128::from(i)
        } else if let Some(u) = n.as_u64() {
            i128::from(u)
        } else {
            // `as` saturates; JSON numbers are finite
            n.as_f64().unwrap_or(0.0).ceil() as i128
        })),
        Some(v) => Err(format!(
            "{k} is {}, not a NumericDate (a JSON number of seconds since 1970)",
            json_type(v)
        )),
    }
}

/// A NumericDate as RFC 3339 when it falls in years 0 to 9999, else as the number itself.
fn show_date(v: &J) -> String {
    match readable_date(v) {
        Some(d) => d,
        None => format!("{v} s after 1970"),
    }
}

fn readable_date(v: &J) -> Option<String> {
    const RANGE: std::ops::RangeInclusive<f64> = -62_167_219_200.0..=253_402_300_799.0;
    let f = v.as_f64()?;
    RANGE.contains(&f).then(|| rfc3339(f.floor() as i64))
}

/// Checks the signature and Cognito's claim rules. Returns the claims when they could be decoded.
fn verify(raw: &str, jwks: &JwkSet, now: i64, problems: &mut Vec<Problem>) -> Option<J> {
    if raw.len() > MAX_TOKEN_BYTES {
        problems.push(problem(
            "size",
            format!(
                "the token is {} bytes; tokens over {MAX_TOKEN_BYTES} bytes are refused",
                raw.len()
            ),
        ));
        return None;
    }
    if raw.split('.').count() != 3 {
        problems.push(problem(
            "format",
            "a JWT has exactly three base64url segments separated by dots",
        ));
        return None;
    }
    // read the header ourselves first: jsonwebtoken cannot represent alg "none"
    use base64::Engine as _;
    let head_json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw.split('.').next().unwrap_or("").trim_end_matches('='))
        .ok()
        .and_then(|b| serde_json::from_slice::<J>(&b).ok());
    let Some(head_json) = head_json else {
        problems.push(problem("header", "the header is not valid base64url JSON"));
        return None;
    };
    if let Some(why) = head_json
        .get("crit")
        .and_then(|c| crit_problem(c, &head_json))
    {
        problems.push(problem("crit", why));
        return jsonwebtoken::dangerous::insecure_decode::<J>(raw)
            .map(|d| d.claims)
            .ok();
    }
    if let Some(alg) = head_json.get("alg").and_then(J::as_str)
        && alg.eq_ignore_ascii_case("none")
    {
        problems.push(problem(
            "algorithm",
            "alg none is refused: an unsigned token proves nothing",
        ));
        return jsonwebtoken::dangerous::insecure_decode::<J>(raw)
            .map(|d| d.claims)
            .ok();
    }
    let header = match jsonwebtoken::decode_header(raw) {
        Ok(h) => h,
        Err(e) => {
            problems.push(problem(
                "header",
                format!("the header is not valid base64url JSON: {e}"),
            ));
            return None;
        }
    };
    let claims = jsonwebtoken::dangerous::insecure_decode::<J>(raw)
        .map(|d| d.claims)
        .ok();
    if claims.is_none() {
        problems.push(problem(
            "payload",
            "the payload is not valid base64url JSON",
        ));
    }
    if header.alg != Algorithm::RS256 {
        let why = match header.alg {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => {
                " (an HMAC token, for instance one MACed with the RSA public key, proves nothing)"
            }
            _ => "",
        };
        problems.push(problem(
            "algorithm",
            format!(
                "alg {:?} is refused: Cognito signs with RS256 only{why}",
                header.alg
            ),
        ));
        return claims;
    }
    let Some(kid) = header.kid.as_deref() else {
        problems.push(problem(
            "kid",
            "the header has no kid, so no key of the JWKS can be chosen",
        ));
        return claims;
    };
    if jwks
        .keys
        .iter()
        .filter(|k| k.common.key_id.as_deref() == Some(kid))
        .count()
        > 1
    {
        problems.push(problem(
            "kid",
            format!("the JWKS has several keys with kid {kid}: which one verifies is ambiguous"),
        ));
        return claims;
    }
    let Some(jwk) = jwks.find(kid) else {
        problems.push(problem("kid", format!("kid {kid} is not in the JWKS: the token was signed by another pool (or the JWKS file is of another pool)")));
        return claims;
    };
    if let Some(why) = key_problem(jwk, kid) {
        problems.push(problem("key", why));
        return claims;
    }
    let key = match DecodingKey::from_jwk(jwk) {
        Ok(k) => k,
        Err(e) => {
            problems.push(problem(
                "kid",
                format!("the JWKS key {kid} cannot be used: {e}"),
            ));
            return claims;
        }
    };
    // the signature only, over the first two segments as sent: jsonwebtoken's decode also parses
    // exp and nbf for its own validation, and a claim of another JSON type (an array) then fails
    // as if the signature were wrong; the claims are checked below
    let (message, signature) = raw.rsplit_once('.').unwrap_or((raw, ""));
    let bad =
        match jsonwebtoken::crypto::verify(signature, message.as_bytes(), &key, Algorithm::RS256) {
            Ok(true) => None,
            Ok(false) => Some(String::new()),
            Err(e) => Some(format!(" ({e})")),
        };
    if let Some(detail) = bad {
        problems.push(problem("signature", format!("the signature does not verify with key {kid}: the token was altered after signing or signed with another key{detail}")));
        return claims;
    }
    let c = claims.clone().unwrap_or(J::Null);
    if c.get("token_use").and_then(J::as_str) != Some("access") {
        let what = c.get("token_use").and_then(J::as_str).unwrap_or("missing");
        problems.push(problem("token_use", format!("token_use is {what}: API Gateway methods with scopes, and client_credentials flows, need an access token")));
    }
    // NumericDates compared in whole seconds, rounded up (for an integer t, x <= t exactly when
    // ceil(x) <= t), in i128: no claim value or --now can overflow
    let now = i128::from(now);
    let leeway = i128::from(LEEWAY);
    let mut date = |k: &'static str| match numeric_date(&c, k) {
        Ok(d) => d,
        Err(why) => {
            problems.push(problem(k, why));
            None
        }
    };
    let (exp, nbf, iat) = (date("exp"), date("nbf"), date("iat"));
    let shown = |k: &str| show_date(&c[k]);
    match exp {
        None if c.get("exp").is_none() => {
            problems.push(problem("exp", "the token has no exp claim"))
        }
        Some(exp) if exp <= now - leeway => problems.push(problem(
            "exp",
            format!(
                "the token expired at {} (now {}, leeway {LEEWAY} s)",
                shown("exp"),
                show_date(&J::from(now as i64))
            ),
        )),
        _ => {}
    }
    if let Some(nbf) = nbf
        && nbf > now + leeway
    {
        problems.push(problem(
            "nbf",
            format!("the token is not valid before {}", shown("nbf")),
        ));
    }
    if let Some(iat) = iat
        && iat > now + leeway
    {
        problems.push(problem(
            "iat",
            format!("the token was issued in the future ({})", shown("iat")),
        ));
    }
    claims
}

/// A client's access token lifetime in seconds (Cognito's default: one hour).
fn access_validity_seconds(c: UserPoolClient) -> Option<i64> {
    let v = c.validity(CognitoToken::Access);
    let n = match &v.state {
        State::Known(n, _) => *n as i64,
        State::Default(_) | State::Absent => return Some(3600),
        State::Unknown(_) => return None,
    };
    let secs = c
        .validity_unit(CognitoToken::Access)
        .into_known()?
        .seconds()?;
    Some(n.saturating_mul(secs as i64))
}

fn pool_identity(p: UserPool) -> (Option<String>, Option<String>) {
    (
        p.region.as_str().map(String::from),
        p.id().into_known().map(String::from),
    )
}

/// Does a pool of the configuration match the token's issuer? (matches, verified, why-not)
fn pool_matches(p: UserPool, tok: &Token) -> (bool, bool, String) {
    let (region, id) = pool_identity(p);
    if let (Some(id), Some(tid)) = (&id, &tok.pool_id) {
        return if id == tid {
            (true, true, String::new())
        } else {
            (
                false,
                true,
                format!(
                    "it trusts pool {} ({id}), the token comes from {tid}",
                    p.address
                ),
            )
        };
    }
    match (&region, &tok.region) {
        (Some(r), Some(tr)) if r != tr => (
            false,
            true,
            format!(
                "it trusts pool {} in {r}, the token comes from {tr}",
                p.address
            ),
        ),
        _ => (
            true,
            false,
            format!(
                "the id of pool {} is known only after apply: cannot verify the issuer",
                p.address
            ),
        ),
    }
}

fn verdict(
    route: String,
    res: &Resource,
    allowed: bool,
    verified: bool,
    reason: impl Into<String>,
) -> RouteVerdict {
    RouteVerdict {
        route,
        resource: res.address.clone(),
        allowed,
        verified,
        reason: reason.into(),
    }
}

fn scope_check(tok: &Token, scopes: &[String]) -> Result<String, String> {
    match tok.scopes.iter().find(|s| scopes.contains(s)) {
        Some(s) => Ok(format!("the token has scope {s}")),
        None => Err(format!(
            "no scope of the token ({}) is among the route's scopes ({})",
            if tok.scopes.is_empty() {
                "none".to_string()
            } else {
                tok.scopes.join(" ")
            },
            scopes.join(", ")
        )),
    }
}

fn known_strings(v: Option<&Val>) -> Option<Vec<String>> {
    match v {
        None => Some(vec![]),
        Some(v) if v.is_null() => Some(vec![]),
        Some(v) => v
            .items()?
            .iter()
            .map(|x| x.as_str().map(String::from))
            .collect(),
    }
}

fn rest_routes(m: &Model, tok: &Token, invalid: Option<&str>, out: &mut Vec<RouteVerdict>) {
    for view in m.all::<RestMethod>() {
        let meth = view.0;
        let route = view.route(m);
        let v = match view.authorization().known().map(Authorization::as_str) {
            Some("NONE") => verdict(route, meth, true, true, "open: authorization NONE"),
            Some("AWS_IAM") => verdict(
                route,
                meth,
                false,
                true,
                "requires a SigV4 (IAM) signature, not a token",
            ),
            Some("CUSTOM") => verdict(
                route,
                meth,
                false,
                false,
                "a Lambda authorizer decides: cannot tell",
            ),
            Some("COGNITO_USER_POOLS") => {
                if let Some(why) = invalid {
                    out.push(verdict(
                        route,
                        meth,
                        false,
                        true,
                        format!("the token is invalid: {why}"),
                    ));
                    continue;
                }
                let pools: Vec<UserPool> = view
                    .linked_authorizers(m)
                    .into_iter()
                    .filter_map(|a| a.trusted_pools(m).and_then(Result::ok))
                    .flatten()
                    .collect();
                if pools.is_empty() {
                    out.push(verdict(
                        route,
                        meth,
                        false,
                        false,
                        "the authorizer's user pool is not known: cannot tell",
                    ));
                    continue;
                }
                let checks: Vec<(bool, bool, String)> =
                    pools.iter().map(|p| pool_matches(*p, tok)).collect();
                let Some(ok) = checks.iter().find(|c| c.0) else {
                    out.push(verdict(
                        route,
                        meth,
                        false,
                        true,
                        format!("the authorizer refuses the issuer: {}", checks[0].2),
                    ));
                    continue;
                };
                let verified = ok.1;
                match known_strings(view.authorization_scopes().val()) {
                    None => verdict(
                        route,
                        meth,
                        false,
                        false,
                        "the method's scopes are not known: cannot tell",
                    ),
                    Some(s) if s.is_empty() => {
                        if tok.access {
                            verdict(
                                route,
                                meth,
                                false,
                                true,
                                "the method has no authorization_scopes, so API Gateway expects an ID token; this is an access token (client_credentials only issues access tokens)",
                            )
                        } else {
                            verdict(
                                route,
                                meth,
                                true,
                                verified,
                                "an ID token on a method without scopes",
                            )
                        }
                    }
                    Some(s) => match scope_check(tok, &s) {
                        Ok(why) => verdict(
                            route,
                            meth,
                            true,
                            verified,
                            if verified {
                                why
                            } else {
                                format!("{why}; {}", ok.2)
                            },
                        ),
                        Err(why) => verdict(route, meth, false, true, why),
                    },
                }
            }
            _ => verdict(
                route,
                meth,
                false,
                false,
                "the authorization type is not known: cannot tell",
            ),
        };
        out.push(v);
    }
}

fn http_routes(
    m: &Model,
    tok: &Token,
    iss: &str,
    invalid: Option<&str>,
    out: &mut Vec<RouteVerdict>,
) {
    for view in m.all::<HttpRoute>() {
        let r = view.0;
        let route = view
            .route_key()
            .into_known()
            .unwrap_or("(unknown route key)")
            .to_string();
        let kind = view.authorization_type();
        let v = match kind.known().map(RouteAuthorization::as_str).unwrap_or("?") {
            "NONE" => verdict(route, r, true, true, "open: authorization NONE"),
            "AWS_IAM" => verdict(
                route,
                r,
                false,
                true,
                "requires a SigV4 (IAM) signature, not a token",
            ),
            "CUSTOM" => verdict(
                route,
                r,
                false,
                false,
                "a Lambda authorizer decides: cannot tell",
            ),
            "JWT" => {
                if let Some(why) = invalid {
                    out.push(verdict(
                        route,
                        r,
                        false,
                        true,
                        format!("the token is invalid: {why}"),
                    ));
                    continue;
                }
                let Some(a) = view.authorizers(m).into_iter().next() else {
                    out.push(verdict(
                        route,
                        r,
                        false,
                        false,
                        "the route's authorizer is not known: cannot tell",
                    ));
                    continue;
                };
                let mut verified = true;
                let mut notes = Vec::new();
                // issuer: exact when known, by literal parts and pool when a template
                if let Some(issuer) = a.issuer().val() {
                    match &issuer.v {
                        V::Str(s) if s != iss => {
                            out.push(verdict(
                                route,
                                r,
                                false,
                                true,
                                format!("the authorizer's issuer is {s}, the token's iss is {iss}"),
                            ));
                            continue;
                        }
                        V::Template(parts) => {
                            let lit: String = parts
                                .iter()
                                .take_while(|p| matches!(p, Part::Lit(_)))
                                .map(|p| if let Part::Lit(s) = p { s.as_str() } else { "" })
                                .collect();
                            if !iss.starts_with(&lit) {
                                out.push(verdict(route, r, false, true, format!("the authorizer's issuer starts with {lit}, the token's iss is {iss}")));
                                continue;
                            }
                            if let Issuer::Pools(pools) = issuer_pools(m, issuer) {
                                let checks: Vec<(bool, bool, String)> =
                                    pools.iter().map(|p| pool_matches(*p, tok)).collect();
                                match checks.iter().find(|c| c.0) {
                                    None => {
                                        out.push(verdict(
                                            route,
                                            r,
                                            false,
                                            true,
                                            format!(
                                                "the authorizer refuses the issuer: {}",
                                                checks[0].2
                                            ),
                                        ));
                                        continue;
                                    }
                                    Some(c) if !c.1 => {
                                        verified = false;
                                        notes.push(c.2.clone());
                                    }
                                    _ => {}
                                }
                            }
                        }
                        V::Str(_) => {}
                        _ => {
                            verified = false;
                            notes.push("the authorizer's issuer is not known".to_string());
                        }
                    }
                }
                // audience: API Gateway checks client_id against it for access tokens
                let cid = tok.client_id.clone().unwrap_or_default();
                let aud = a.audience().into_known().unwrap_or_default();
                let known: Vec<&str> = aud.iter().filter_map(|x| x.as_str()).collect();
                if !known.contains(&cid.as_str()) {
                    if known.len() == aud.len() {
                        out.push(verdict(
                            route,
                            r,
                            false,
                            true,
                            format!(
                                "the audience ({}) does not list the token's client_id {cid}",
                                known.join(", ")
                            ),
                        ));
                        continue;
                    }
                    verified = false;
                    notes.push(
                        "some audience entries (client ids) are known only after apply".to_string(),
                    );
                }
                match known_strings(view.authorization_scopes().val()) {
                    None => verdict(
                        route,
                        r,
                        false,
                        false,
                        "the route's scopes are not known: cannot tell",
                    ),
                    Some(s) if s.is_empty() => verdict(
                        route,
                        r,
                        true,
                        verified,
                        join_reason(
                            "any valid token of the issuer (the route has no scopes)",
                            &notes,
                        ),
                    ),
                    Some(s) => match scope_check(tok, &s) {
                        Ok(why) => verdict(route, r, true, verified, join_reason(&why, &notes)),
                        Err(why) => verdict(route, r, false, true, why),
                    },
                }
            }
            _ => verdict(
                route,
                r,
                false,
                false,
                "the authorization type is not known: cannot tell",
            ),
        };
        out.push(v);
    }
}

fn join_reason(why: &str, notes: &[String]) -> String {
    if notes.is_empty() {
        why.to_string()
    } else {
        format!("{why}; cannot verify: {}", notes.join("; "))
    }
}

/// Verifies `raw` and decides every route of `models`.
pub fn check(raw: &str, jwks: &JwkSet, now: i64, models: &[Model]) -> Report {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    // a pasted `Authorization: Bearer …` header value is the token
    let token = raw.trim();
    let token = token
        .strip_prefix("Authorization:")
        .map(str::trim)
        .unwrap_or(token);
    let token = token
        .strip_prefix("Bearer ")
        .or_else(|| token.strip_prefix("bearer "))
        .map(str::trim)
        .unwrap_or(token);
    let claims = verify(token, jwks, now, &mut problems).unwrap_or(J::Null);
    let iss = claims
        .get("iss")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    let parsed = parse_issuer(&iss);
    if !claims.is_null()
        && parsed.is_none()
        && !problems
            .iter()
            .any(|p| p.check == "signature" || p.check == "algorithm")
    {
        problems.push(problem("iss", format!("iss {iss:?} is not a Cognito issuer (https://cognito-idp.<region>.amazonaws.com/<pool id>)")));
    }
    let scopes: Vec<String> = claims
        .get("scope")
        .or_else(|| claims.get("scp"))
        .and_then(J::as_str)
        .map(|s| {
            s.split(' ')
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let tok = Token {
        region: parsed.as_ref().map(|p| p.0.clone()),
        pool_id: parsed.as_ref().map(|p| p.1.clone()),
        client_id: claims
            .get("client_id")
            .and_then(J::as_str)
            .map(String::from),
        access: claims.get("token_use").and_then(J::as_str) == Some("access"),
        scopes,
    };
    // the issuer and client against the configuration's pools and clients
    if problems.is_empty() {
        let pools: Vec<UserPool> = models.iter().flat_map(|m| m.all::<UserPool>()).collect();
        let matches: Vec<(UserPool, (bool, bool, String))> =
            pools.iter().map(|p| (*p, pool_matches(*p, &tok))).collect();
        let matching: Vec<&(UserPool, (bool, bool, String))> =
            matches.iter().filter(|m| m.1.0).collect();
        if pools.is_empty() {
            notes.push("the configuration declares no user pool: cannot verify the issuer".into());
        } else if matching.is_empty() {
            problems.push(problem(
                "iss",
                format!(
                    "no user pool of the configuration issued this token ({iss}): {}",
                    matches[0].1.2
                ),
            ));
        } else if matching.iter().all(|m| !m.1.1) {
            notes.push(matching[0].1.2.clone());
        }
        let matched: BTreeSet<&str> = matching.iter().map(|m| m.0.address.as_str()).collect();
        let mut client_ids = Vec::new();
        let mut unknown_clients = false;
        for m in models {
            for c in m.all::<UserPoolClient>() {
                let in_pool = c
                    .pools(m)
                    .iter()
                    .any(|p| matched.contains(p.address.as_str()));
                if in_pool {
                    match c.id().into_known() {
                        Some(id) => client_ids.push(id.to_string()),
                        None => unknown_clients = true,
                    }
                }
            }
        }
        // the lifetime the client issues (catalogue: token-lifetime): another value suggests
        // the token comes from another client or pool
        if let (Some(cid), Ok(Some(exp)), Ok(Some(iat))) = (
            &tok.client_id,
            numeric_date(&claims, "exp"),
            numeric_date(&claims, "iat"),
        ) {
            let life = exp.saturating_sub(iat);
            for m in models {
                for c in m
                    .all::<UserPoolClient>()
                    .filter(|c| c.id().known() == Some(&cid.as_str()))
                {
                    if let Some(expected) = access_validity_seconds(c)
                        && life.saturating_sub(i128::from(expected)).saturating_abs()
                            > i128::from(LEEWAY)
                    {
                        notes.push(format!(
                                "the token lives {life} s (exp - iat) but client {} issues access tokens for {expected} s: is it from another client or pool?",
                                c.address
                            ));
                    }
                }
            }
        }
        if let Some(cid) = &tok.client_id {
            if !client_ids.contains(cid) {
                if unknown_clients || client_ids.is_empty() {
                    notes.push(format!("client ids are known only after apply: cannot verify that client_id {cid} is a client of the pool"));
                } else {
                    problems.push(problem(
                        "client_id",
                        format!(
                            "client_id {cid} is not a client of the pool ({})",
                            client_ids.join(", ")
                        ),
                    ));
                }
            }
        } else if tok.access {
            problems.push(problem(
                "client_id",
                "the access token has no client_id claim",
            ));
        }
    }
    let invalid = problems.first().map(|p| p.message.clone());
    let mut routes = Vec::new();
    for m in models {
        rest_routes(m, &tok, invalid.as_deref(), &mut routes);
        http_routes(m, &tok, &iss, invalid.as_deref(), &mut routes);
    }
    routes.sort_by(|a, b| (&a.route, &a.resource).cmp(&(&b.route, &b.resource)));
    Report {
        valid: problems.is_empty(),
        problems,
        notes,
        claims,
        routes,
    }
}

/// The report as text: problems, notes, claims (dates readable), and a route table.
pub fn render_text(r: &Report) -> String {
    let mut s = String::new();
    s.push_str(if r.valid {
        "token: valid\n"
    } else {
        "token: INVALID\n"
    });
    for p in &r.problems {
        s.push_str(&format!("  problem [{}]: {}\n", p.check, p.message));
    }
    for n in &r.notes {
        s.push_str(&format!("  note: {n}\n"));
    }
    if let J::Object(m) = &r.claims {
        s.push_str("claims:\n");
        for (k, v) in m {
            let date = match k.as_str() {
                "exp" | "iat" | "nbf" | "auth_time" => readable_date(v),
                _ => None,
            };
            let shown = match date {
                Some(d) => format!("{v} ({d})"),
                None => v
                    .as_str()
                    .map(String::from)
                    .unwrap_or_else(|| v.to_string()),
            };
            s.push_str(&format!("  {k:<10} {shown}\n"));
        }
    }
    if !r.routes.is_empty() {
        let w = r
            .routes
            .iter()
            .map(|x| x.route.len())
            .max()
            .unwrap_or(5)
            .max(5);
        s.push_str(&format!("{:<w$}  {:<9}  reason\n", "route", "verdict"));
        for x in &r.routes {
            let verdict = match (x.allowed, x.verified) {
                (true, true) => "accepted",
                (true, false) => "accepted?",
                (false, true) => "refused",
                (false, false) => "unknown",
            };
            s.push_str(&format!(
                "{:<w$}  {verdict:<9}  {} ({})\n",
                x.route, x.reason, x.resource
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for t in [0, 1_795_545_009, 951_782_400, -86_400] {
            assert_eq!(parse_time(&rfc3339(t)), Some(t));
        }
        assert_eq!(
            parse_time("2026-11-24T18:00:00+01:00"),
            Some(parse_time("2026-11-24T17:00:00Z").unwrap())
        );
        assert_eq!(
            parse_time("2026-11-24T17:00:00.123Z"),
            parse_time("2026-11-24T17:00:00Z")
        );
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn issuers_parse() {
        assert_eq!(
            parse_issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC"),
            Some(("eu-west-1".into(), "eu-west-1_AbC".into()))
        );
        assert_eq!(
            parse_issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/"),
            None
        );
        assert_eq!(parse_issuer("https://auth.example.com"), None);
    }
}

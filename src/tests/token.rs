//! `authwire token`: tokens signed here with the test-only key in testdata/token, and forged ones.

use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

const NOW: i64 = 1_795_000_000;
const POOL: &str = "eu-west-1_TestPool1";

fn key(name: &str) -> EncodingKey {
    EncodingKey::from_rsa_pem(&std::fs::read(format!("testdata/token/{name}")).unwrap()).unwrap()
}

fn claims() -> Value {
    json!({
        "sub": "m2mclient123",
        "token_use": "access",
        "scope": "orders/read",
        "auth_time": NOW - 60,
        "iss": format!("https://cognito-idp.eu-west-1.amazonaws.com/{POOL}"),
        "exp": NOW + 3600,
        "iat": NOW - 60,
        "version": 2,
        "jti": "0b0a8f4e",
        "client_id": "m2mclient123"
    })
}

fn sign(c: &Value) -> String {
    let mut h = Header::new(Algorithm::RS256);
    h.kid = Some("test-access-key".into());
    encode(&h, c, &key("pool-key.pem")).unwrap()
}

fn with(f: impl Fn(&mut Value)) -> String {
    let mut c = claims();
    f(&mut c);
    sign(&c)
}

/// Runs `authwire token` with the token on standard input; returns (exit code, JSON report).
fn token(config: &str, tok: &str, extra: &[&str]) -> (u8, Value, String) {
    token_with("testdata/token/jwks.json", config, tok, extra)
}

/// [`token`] with another JWKS file. `--now` is NOW unless `extra` gives one.
fn token_with(jwks: &str, config: &str, tok: &str, extra: &[&str]) -> (u8, Value, String) {
    let mut args: Vec<String> = ["authwire", "token", config, "--jwks", jwks]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if !extra.iter().any(|a| a.starts_with("--now")) {
        args.push(format!("--now={NOW}"));
    }
    args.extend(["--format".to_string(), "json".to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = crate::cli::run_with_stdin(&args, &mut tok.as_bytes(), &mut out, &mut err, false);
    let text = String::from_utf8(out).unwrap();
    let doc = serde_json::from_str(&text).unwrap_or(Value::Null);
    (code, doc, text + &String::from_utf8(err).unwrap())
}

fn route<'a>(doc: &'a Value, r: &str) -> &'a Value {
    doc["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["route"] == r)
        .unwrap_or_else(|| panic!("no route {r}: {doc}"))
}

fn checks(doc: &Value) -> Vec<String> {
    doc["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["check"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_valid_access_token_is_decided_per_route() {
    let tok = sign(&claims());
    for config in ["testdata/token/config", "testdata/token/plan.json"] {
        let (code, doc, all) = token(config, &tok, &[]);
        assert_eq!(code, 0, "{config}: {all}");
        assert_eq!(doc["valid"], true, "{doc}");
        assert_eq!(route(&doc, "GET /orders")["allowed"], true);
        assert_eq!(route(&doc, "GET /v2/orders")["allowed"], true);
        // the signature never comes back
        let sig = tok.rsplit('.').next().unwrap();
        assert!(!all.contains(sig) && !all.contains(&tok));
    }
    let (_, doc, _) = token("testdata/token/config", &tok, &[]);
    // nested REST paths, scopes, and a method without scopes (API Gateway then wants an ID token)
    let del = route(&doc, "DELETE /orders/{id}");
    assert_eq!(del["allowed"], false);
    assert!(del["reason"].as_str().unwrap().contains("orders/write"));
    let get = route(&doc, "GET /orders/{id}");
    assert_eq!(get["allowed"], false);
    assert!(get["reason"].as_str().unwrap().contains("ID token"));
    assert_eq!(route(&doc, "GET /")["reason"], "open: authorization NONE");
    // pool and client ids are unknown before apply: accepted, but not verified, and said so
    assert_eq!(route(&doc, "GET /orders")["verified"], false);
    assert!(!doc["notes"].as_array().unwrap().is_empty());
    // with a plan, ids are known and compared
    let (_, doc, _) = token("testdata/token/plan.json", &tok, &[]);
    assert_eq!(route(&doc, "GET /orders")["verified"], true);
    assert!(doc["notes"].as_array().unwrap().is_empty(), "{doc}");
}

#[test]
fn route_flag_and_exit_codes() {
    let tok = sign(&claims());
    assert_eq!(
        token("testdata/token/config", &tok, &["--route", "GET /orders"]).0,
        0
    );
    assert_eq!(
        token(
            "testdata/token/config",
            &tok,
            &["--route", "DELETE /orders/{id}"]
        )
        .0,
        1
    );
    assert_eq!(
        token(
            "testdata/token/config",
            &tok,
            &["--route", "PATCH /nowhere"]
        )
        .0,
        2
    );
    assert_eq!(token("testdata/token/config", "", &[]).0, 2);
    assert_eq!(
        token("testdata/token/config", &tok, &["--now", "yesterday"]).0,
        2
    );
    let mut args: Vec<String> = [
        "authwire",
        "token",
        "testdata/token/config",
        "--jwks",
        "testdata/token/nope.json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push("--now=1".into());
    assert_eq!(
        crate::cli::run_with_stdin(
            &args,
            &mut tok.as_bytes(),
            &mut Vec::new(),
            &mut Vec::new(),
            false
        ),
        2
    );
    // the text report shows claims with readable dates and a table
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args: Vec<String> = [
        "authwire",
        "token",
        "testdata/token/config",
        "--jwks",
        "testdata/token/jwks.json",
        "--now",
        "2026-11-18T11:06:40Z",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        crate::cli::run_with_stdin(&args, &mut tok.as_bytes(), &mut out, &mut err, false),
        0
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("token: valid")
            && text.contains("2026-11-18T12:06:40Z")
            && text.contains("DELETE /orders/{id}"),
        "{text}"
    );
}

#[test]
fn claim_checks_refuse_with_reasons() {
    let cases: Vec<(&str, String)> = vec![
        ("token_use", with(|c| c["token_use"] = json!("id"))),
        ("exp", with(|c| c["exp"] = json!(NOW - 120))),
        ("nbf", with(|c| c["nbf"] = json!(NOW + 600))),
        ("iat", with(|c| c["iat"] = json!(NOW + 600))),
        (
            "iss",
            with(|c| {
                c["iss"] = json!("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")
            }),
        ),
        (
            "iss",
            with(|c| c["iss"] = json!("https://auth.example.com")),
        ),
    ];
    for (check, tok) in &cases {
        let (code, doc, _) = token("testdata/token/config", tok, &[]);
        assert_eq!(code, 1, "{check}: {doc}");
        assert!(checks(&doc).iter().any(|c| c == check), "{check}: {doc}");
        assert_eq!(route(&doc, "GET /orders")["allowed"], false);
        assert_eq!(
            route(&doc, "GET /")["allowed"],
            true,
            "open routes stay open"
        );
    }
    // expired within the leeway is still fine
    assert_eq!(
        token(
            "testdata/token/config",
            &with(|c| c["exp"] = json!(NOW - 30)),
            &[]
        )
        .0,
        0
    );
    // known ids (plan): another pool of the same region, another client
    let (code, doc, _) = token(
        "testdata/token/plan.json",
        &with(|c| c["iss"] = json!("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other")),
        &[],
    );
    assert_eq!(code, 1);
    assert!(checks(&doc).contains(&"iss".to_string()), "{doc}");
    let (code, doc, _) = token(
        "testdata/token/plan.json",
        &with(|c| c["client_id"] = json!("someoneelse")),
        &[],
    );
    assert_eq!(code, 1);
    assert!(checks(&doc).contains(&"client_id".to_string()), "{doc}");
}

#[test]
fn forged_and_malformed_tokens_are_refused() {
    use base64::Engine as _;
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let good = sign(&claims());
    let parts: Vec<&str> = good.split('.').collect();
    // HS256 MACed with the RSA public key (algorithm confusion)
    let mut h = Header::new(Algorithm::HS256);
    h.kid = Some("test-access-key".into());
    let hmac = encode(
        &h,
        &claims(),
        &EncodingKey::from_secret(&std::fs::read("testdata/token/jwks.json").unwrap()),
    )
    .unwrap();
    // right kid, wrong key
    let mut h = Header::new(Algorithm::RS256);
    h.kid = Some("test-access-key".into());
    let other_key = encode(&h, &claims(), &key("other-key.pem")).unwrap();
    let mut h = Header::new(Algorithm::RS256);
    h.kid = Some("unknown-kid".into());
    let unknown_kid = encode(&h, &claims(), &key("pool-key.pem")).unwrap();
    let no_kid = encode(
        &Header::new(Algorithm::RS256),
        &claims(),
        &key("pool-key.pem"),
    )
    .unwrap();
    let mut more = claims();
    more["scope"] = json!("orders/read orders/write");
    let altered = format!("{}.{}.{}", parts[0], b64(&more), parts[2]);
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        parts[1]
    );
    let cases: Vec<(&str, String)> = vec![
        ("algorithm", hmac),
        ("algorithm", none),
        ("signature", other_key),
        ("signature", altered),
        ("kid", unknown_kid),
        ("kid", no_kid),
        ("header", "abc.def!.ghi".to_string()),
        ("format", "only.two".to_string()),
        (
            "size",
            format!("{}.{}.{}", parts[0], "A".repeat(20_000), parts[2]),
        ),
    ];
    for (check, tok) in &cases {
        let (code, doc, all) = token("testdata/token/config", tok, &[]);
        assert_eq!(code, 1, "{check}: {all}");
        assert_eq!(doc["valid"], false);
        assert_eq!(
            checks(&doc).first().map(String::as_str),
            Some(*check),
            "{check}: {doc}"
        );
        assert!(
            doc["routes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["allowed"] == false || r["reason"] == "open: authorization NONE")
        );
    }
}

#[test]
fn http_audience_must_list_the_client() {
    let dir = std::env::temp_dir().join(format!("authwire-aud-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut plan: Value =
        serde_json::from_str(&std::fs::read_to_string("testdata/token/plan.json").unwrap())
            .unwrap();
    for r in plan["planned_values"]["root_module"]["resources"]
        .as_array_mut()
        .unwrap()
    {
        if r["type"] == "aws_apigatewayv2_authorizer" {
            r["values"]["jwt_configuration"][0]["audience"] = json!(["webclient456"]);
        }
    }
    let plan = plan.to_string();
    assert!(plan.contains("webclient456"));
    let p = dir.join("plan.json");
    std::fs::write(&p, plan).unwrap();
    let (code, doc, _) = token(
        p.to_str().unwrap(),
        &sign(&claims()),
        &["--route", "GET /v2/orders"],
    );
    assert_eq!(code, 1);
    let r = route(&doc, "GET /v2/orders");
    assert_eq!(r["allowed"], false);
    assert!(
        r["reason"]
            .as_str()
            .unwrap()
            .contains("does not list the token's client_id m2mclient123"),
        "{r}"
    );
    // the REST side does not check audiences
    assert_eq!(route(&doc, "GET /orders")["allowed"], true);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_lifetime_other_than_the_clients_is_noted() {
    // the plan's client has the default one-hour validity; a 5-minute token is suspicious
    let (code, doc, _) = token(
        "testdata/token/plan.json",
        &with(|c| c["exp"] = json!(NOW + 240)),
        &[],
    );
    assert_eq!(code, 0, "a note, not a refusal");
    assert!(
        doc["notes"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap()
            .contains("issues access tokens for 3600 s")),
        "{doc}"
    );
    let (_, doc, _) = token(
        "testdata/token/plan.json",
        &with(|c| c["exp"] = json!(NOW - 60 + 3600)),
        &[],
    );
    assert!(doc["notes"].as_array().unwrap().is_empty(), "{doc}");
}

/// A token is never taken from an argument (it is refused without being printed back), and a
/// pasted `Bearer …` header value is accepted on standard input.
#[test]
fn tokens_come_from_stdin_only_and_bearer_is_accepted() {
    let tok = sign(&claims());
    let (code, _, all) = token("testdata/token/config", "", &[&tok]);
    assert_eq!(code, 2, "{all}");
    assert!(
        all.contains("pass the token on standard input or --token-file"),
        "{all}"
    );
    let sig = tok.rsplit('.').next().unwrap();
    assert!(!all.contains(sig), "{all}");
    let (code, doc, all) = token("testdata/token/config", &format!("Bearer {tok}\n"), &[]);
    assert_eq!(code, 0, "{all}");
    assert_eq!(doc["valid"], true, "{doc}");
}

/// Signs `header` and `claims` as given (any header JSON) with a test key.
fn sign_raw(header: &Value, claims: &Value, key_file: &str) -> String {
    use base64::Engine as _;
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let input = format!("{}.{}", b64(header), b64(claims));
    let sig =
        jsonwebtoken::crypto::sign(input.as_bytes(), &key(key_file), Algorithm::RS256).unwrap();
    format!("{input}.{sig}")
}

/// Asserts that `tok` is refused, first for `check`, with a message containing `says`, and
/// that no message repeats the token or its signature.
fn refused(jwks: &str, tok: &str, check: &str, says: &str) {
    let (code, doc, all) = token_with(jwks, "testdata/token/config", tok, &[]);
    assert_eq!(code, 1, "{check}: {all}");
    assert_eq!(doc["valid"], false, "{check}: {doc}");
    let first = &doc["problems"][0];
    assert_eq!(first["check"], check, "{doc}");
    assert!(
        first["message"].as_str().unwrap().contains(says),
        "{says}: {doc}"
    );
    assert_eq!(route(&doc, "GET /orders")["allowed"], false);
    let sig = tok.rsplit('.').next().unwrap();
    assert!(sig.is_empty() || !all.contains(sig), "{all}");
    assert!(!all.contains(tok), "{all}");
}

/// RFC 7515 §4.1.11: a validly signed token whose header marks an extension as critical is
/// refused (this verifier understands none); a malformed crit is refused as malformed.
#[test]
fn critical_header_extensions_are_refused() {
    let head = |extra: Value| {
        let mut h = json!({"alg": "RS256", "kid": "test-access-key", "typ": "JWT"});
        for (k, v) in extra.as_object().unwrap() {
            h[k] = v.clone();
        }
        h
    };
    let j = "testdata/token/jwks.json";
    // the signature is right: without crit the same header verifies
    let plain = sign_raw(&head(json!({"b64": false})), &claims(), "pool-key.pem");
    assert_eq!(token("testdata/token/config", &plain, &[]).0, 0);
    let cases = [
        (
            json!({"crit": ["b64"], "b64": false}),
            "\"b64\" as critical, an extension this verifier does not understand",
        ),
        (
            json!({"crit": ["exp", "b64"], "exp": 1, "b64": false}),
            "\"exp\", \"b64\" as critical",
        ),
        (json!({"crit": []}), "empty array"),
        (
            json!({"crit": "b64", "b64": false}),
            "a string, not an array",
        ),
        (json!({"crit": null}), "null, not an array"),
        (json!({"crit": [7]}), "lists a number"),
        (
            json!({"crit": ["alg"]}),
            "\"alg\", a parameter of the JWS specification itself",
        ),
        (
            json!({"crit": ["http://example.com/ext"]}),
            "which the header does not have",
        ),
    ];
    for (extra, says) in cases {
        let tok = sign_raw(&head(extra), &claims(), "pool-key.pem");
        refused(j, &tok, "crit", says);
    }
}

/// [`sign`] with another key and kid.
fn sign_with(kid: &str, key_file: &str) -> String {
    let mut h = Header::new(Algorithm::RS256);
    h.kid = Some(kid.into());
    encode(&h, &claims(), &key(key_file)).unwrap()
}

/// A JWKS written to a temporary file; the file is removed when the value is dropped.
struct TempJwks(std::path::PathBuf);

impl TempJwks {
    fn bytes(name: &str, bytes: &[u8]) -> TempJwks {
        let p = std::env::temp_dir().join(format!("authwire-{}-{name}.json", std::process::id()));
        std::fs::write(&p, bytes).unwrap();
        TempJwks(p)
    }
    fn new(name: &str, jwks: &Value) -> TempJwks {
        TempJwks::bytes(name, jwks.to_string().as_bytes())
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempJwks {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

/// The test JWKS, its one key changed by `f`.
fn jwks_with(name: &str, f: impl Fn(&mut Value)) -> TempJwks {
    let mut j: Value =
        serde_json::from_str(&std::fs::read_to_string("testdata/token/jwks.json").unwrap())
            .unwrap();
    f(&mut j["keys"][0]);
    TempJwks::new(name, &j)
}

/// Tokens correctly signed with a 1024-bit key or a key with exponent 3 (keys in
/// testdata/token/weak-jwks.json) are refused for the key, naming its kid; so are exponents
/// other than 65537 in the JWKS (checked before the signature).
#[test]
fn weak_rsa_keys_are_refused() {
    let weak = "testdata/token/weak-jwks.json";
    // the signatures themselves are right: the refusal is the key policy
    let set: jsonwebtoken::jwk::JwkSet =
        serde_json::from_str(&std::fs::read_to_string(weak).unwrap()).unwrap();
    for (kid, pem) in [
        ("weak-1024", "weak-1024-key.pem"),
        ("exponent-3", "exponent-3-key.pem"),
    ] {
        let k = jsonwebtoken::DecodingKey::from_jwk(set.find(kid).unwrap()).unwrap();
        let mut v = jsonwebtoken::Validation::new(Algorithm::RS256);
        v.validate_exp = false;
        v.required_spec_claims = Default::default();
        assert!(jsonwebtoken::decode::<Value>(&sign_with(kid, pem), &k, &v).is_ok());
    }
    refused(
        weak,
        &sign_with("weak-1024", "weak-1024-key.pem"),
        "key",
        "the JWKS key weak-1024 is a 1024-bit RSA key",
    );
    refused(
        weak,
        &sign_with("exponent-3", "exponent-3-key.pem"),
        "key",
        "the JWKS key exponent-3 has public exponent 3: only 65537 is accepted",
    );
    let tok = sign(&claims());
    for (e, says) in [
        (
            "AQAA",
            "has public exponent 65536: only 65537 is accepted (an even",
        ),
        ("AQAD", "has public exponent 65539: only 65537 is accepted"),
        ("AQEBAQEBAQEBAQ", "has a public exponent of 80 bits"),
    ] {
        let j = jwks_with(&format!("e-{e}"), |k| k["e"] = json!(e));
        refused(j.path(), &tok, "key", &format!("test-access-key {says}"));
    }
    // leading zero bytes do not change the exponent
    let j = jwks_with("e-zero", |k| k["e"] = json!("AAEAAQ"));
    assert_eq!(
        token_with(j.path(), "testdata/token/config", &tok, &[]).0,
        0
    );
    // not an RSA key
    let j = jwks_with("ec", |k| {
        *k = json!({"kty": "EC", "crv": "P-256", "kid": "test-access-key",
            "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
            "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})
    });
    refused(j.path(), &tok, "key", "test-access-key is not an RSA key");
}

/// A key of the JWKS meant for something else than verifying RS256 signatures (use, key_ops,
/// alg) is refused for the key, though the token's signature is right.
#[test]
fn keys_for_other_uses_cannot_verify() {
    let tok = sign(&claims());
    let cases: [(&str, Value, &str); 7] = [
        ("use", json!({"use": "enc"}), "has use \"enc\", not \"sig\""),
        (
            "use-x",
            json!({"use": "tls"}),
            "has use \"tls\", not \"sig\"",
        ),
        (
            "ops",
            json!({"key_ops": ["encrypt", "wrapKey"]}),
            "has key_ops [\"encrypt\", \"wrapKey\"], without \"verify\"",
        ),
        (
            "ops-empty",
            json!({"key_ops": []}),
            "has key_ops [], without \"verify\"",
        ),
        (
            "alg",
            json!({"alg": "RS512"}),
            "is for alg \"RS512\", not RS256",
        ),
        (
            "alg-enc",
            json!({"alg": "RSA-OAEP"}),
            "is for alg \"RSA-OAEP\", not RS256",
        ),
        (
            "alg-x",
            json!({"alg": "XX999"}),
            "is for an algorithm this verifier does not know, not RS256",
        ),
    ];
    for (name, change, says) in cases {
        let j = jwks_with(name, |k| {
            for (f, v) in change.as_object().unwrap() {
                k[f] = v.clone();
            }
        });
        refused(
            j.path(),
            &tok,
            "key",
            &format!("the JWKS key test-access-key {says}"),
        );
    }
    // verify among other operations, no use, no alg: fine
    let j = jwks_with("ok", |k| {
        k["key_ops"] = json!(["verify", "sign"]);
        let k = k.as_object_mut().unwrap();
        k.remove("use");
        k.remove("alg");
    });
    let (code, doc, _) = token_with(j.path(), "testdata/token/config", &tok, &[]);
    assert_eq!(code, 0, "{doc}");
}

/// Two keys with one kid make the JWKS unusable: exit 2 with a message about the JWKS (whichever
/// key comes first), not a silent pick; the report is not written.
#[test]
fn duplicate_kids_are_a_jwks_error() {
    let good: Value =
        serde_json::from_str(&std::fs::read_to_string("testdata/token/jwks.json").unwrap())
            .unwrap();
    let weak: Value =
        serde_json::from_str(&std::fs::read_to_string("testdata/token/weak-jwks.json").unwrap())
            .unwrap();
    let pool = good["keys"][0].clone();
    let mut other = weak["keys"][0].clone();
    other["kid"] = json!("test-access-key");
    let mut b = weak["keys"][1].clone();
    b["kid"] = json!("b");
    let tok = sign(&claims());
    for (name, keys) in [
        ("dup-first", json!([pool, other, b, b])),
        ("dup-last", json!([b, other, pool, b])),
        ("dup-same", json!([pool, pool])),
    ] {
        let j = TempJwks::new(name, &json!({ "keys": keys }));
        let (code, doc, all) = token_with(j.path(), "testdata/token/config", &tok, &[]);
        assert_eq!(code, 2, "{name}: {all}");
        assert_eq!(doc, Value::Null, "{name}: no report");
        assert!(
            all.contains(j.path())
                && all.contains("the JWKS has several keys with kid")
                && all.contains("test-access-key"),
            "{name}: {all}"
        );
        if name != "dup-same" {
            assert!(all.contains("kid b, test-access-key"), "{all}");
        }
        assert!(!all.contains(tok.rsplit('.').next().unwrap()));
    }
    // the verifier refuses on its own too (for callers of token::check)
    let set: jsonwebtoken::jwk::JwkSet =
        serde_json::from_value(json!({ "keys": [pool, pool] })).unwrap();
    let r = crate::token::check(&tok, &set, NOW, &[]);
    assert!(!r.valid);
    assert_eq!(r.problems[0].check, "kid");
    assert!(
        r.problems[0]
            .message
            .contains("several keys with kid test-access-key")
    );
}

/// NumericDates may be non-integers (RFC 7519 §2) and are checked whatever their JSON type;
/// extreme values give the right verdict without overflow (the debug test build panics on
/// overflow), and --now with multi-byte characters is an error, not a panic.
#[test]
fn numeric_dates_of_any_json_value() {
    let t = |c: &str, tok: &str| token(c, tok, &[]);
    let ok = |claim: &str, v: Value| {
        for config in ["testdata/token/config", "testdata/token/plan.json"] {
            let tok = with(|c| c[claim] = v.clone());
            let (code, doc, all) = t(config, &tok);
            assert_eq!(code, 0, "{claim} = {v} ({config}): {all}");
            assert_eq!(doc["valid"], true);
        }
    };
    let bad = |claim: &str, v: Value, says: &str| {
        for config in ["testdata/token/config", "testdata/token/plan.json"] {
            let tok = with(|c| c[claim] = v.clone());
            let (code, doc, all) = t(config, &tok);
            assert_eq!(code, 1, "{claim} = {v} ({config}): {all}");
            let p: Vec<&Value> = doc["problems"].as_array().unwrap().iter().collect();
            assert_eq!(p.len(), 1, "{claim} = {v}: {doc}");
            assert_eq!(p[0]["check"], claim, "{claim} = {v}: {doc}");
            let m = p[0]["message"].as_str().unwrap();
            assert!(m.contains(says), "{claim} = {v}: {m}");
        }
    };
    let now = NOW as f64;
    // fractions, against the 60 s leeway
    ok("exp", json!(now + 3600.5));
    ok("exp", json!(now - 59.5));
    bad(
        "exp",
        json!(now - 60.5),
        "the token expired at 2026-11-18T11:05:39Z",
    );
    bad("exp", json!(now - 60.0), "the token expired at");
    ok("nbf", json!(now + 59.5));
    bad(
        "nbf",
        json!(now + 60.5),
        "not valid before 2026-11-18T11:07:40Z",
    );
    ok("iat", json!(now + 60.0));
    bad(
        "iat",
        json!(now + 60.25),
        "issued in the future (2026-11-18T11:07:40Z)",
    );
    // not numbers
    for (v, what) in [
        (json!("1795003600"), "a string"),
        (json!(null), "null"),
        (json!(true), "a boolean"),
        (json!([NOW + 3600]), "an array"),
        (json!({"s": NOW + 3600}), "an object"),
    ] {
        for claim in ["exp", "nbf", "iat"] {
            bad(
                claim,
                v.clone(),
                &format!("{claim} is {what}, not a NumericDate"),
            );
        }
    }
    // extremes: no overflow, the right verdict and reason
    ok("exp", json!(i64::MAX));
    ok("exp", json!(u64::MAX));
    ok("exp", json!(1e300));
    ok("nbf", json!(i64::MIN));
    ok("nbf", json!(-1e300));
    ok("iat", json!(i64::MIN));
    ok("iat", json!(-1e300));
    bad(
        "exp",
        json!(i64::MIN),
        "expired at -9223372036854775808 s after 1970",
    );
    bad("exp", json!(-1e300), "expired at -1e+300 s after 1970");
    bad(
        "nbf",
        json!(i64::MAX),
        "not valid before 9223372036854775807 s after 1970",
    );
    bad("nbf", json!(1e300), "not valid before 1e+300 s after 1970");
    bad(
        "iat",
        json!(u64::MAX),
        "issued in the future (18446744073709551615 s after 1970)",
    );
    bad(
        "iat",
        json!(1e300),
        "issued in the future (1e+300 s after 1970)",
    );
    // a lifetime (exp - iat) beyond any integer type is a note, not a panic
    let tok = with(|c| {
        c["exp"] = json!(1e300);
        c["iat"] = json!(-1e300);
    });
    let (code, doc, all) = t("testdata/token/plan.json", &tok);
    assert_eq!(code, 0, "{all}");
    assert!(
        doc["notes"][0]
            .as_str()
            .unwrap()
            .contains("the token lives")
    );
    // --now at the ends of i64
    let huge = with(|c| c["exp"] = json!(i64::MAX));
    let at_max = format!("--now={}", i64::MAX);
    let (code, _, all) = token("testdata/token/config", &huge, &[&at_max]);
    assert_eq!(code, 0, "exp = now is within the leeway: {all}");
    let (code, doc, all) = token("testdata/token/config", &sign(&claims()), &[&at_max]);
    assert_eq!(code, 1, "{all}");
    assert_eq!(checks(&doc), ["exp"]);
    assert!(
        all.contains("(now 9223372036854775807 s after 1970, leeway 60 s)"),
        "{all}"
    );
    let (code, doc, all) = token(
        "testdata/token/config",
        &huge,
        &[&format!("--now={}", i64::MIN)],
    );
    assert_eq!(code, 1, "{all}");
    assert_eq!(checks(&doc), ["iat"]);
    // the text report shows such dates without panicking
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args: Vec<String> = ["authwire", "token", "testdata/token/config", "--jwks"]
        .iter()
        .map(|s| s.to_string())
        .chain(["testdata/token/jwks.json".into(), format!("--now={NOW}")])
        .collect();
    let tok = with(|c| {
        c["exp"] = json!(1e300);
        c["nbf"] = json!(now - 0.5);
        c["iat"] = json!(i64::MIN);
    });
    assert_eq!(
        crate::cli::run_with_stdin(&args, &mut tok.as_bytes(), &mut out, &mut err, false),
        0
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("1e+300\n") && text.contains("(2026-11-18T11:06:39Z)"),
        "{text}"
    );
    // --now: multi-byte characters anywhere are an error (exit 2), not a panic
    for now in [
        "2026-11-24T17:00:00+0é00",
        "2026-11-24T17:00:00.é",
        "2026-11-24T17:00:0é",
        "2026-11-24T17:00:00Z\u{1F600}",
        "é",
        "１７９５０００",
    ] {
        let (code, _, all) = token(
            "testdata/token/config",
            &sign(&claims()),
            &[&format!("--now={now}")],
        );
        assert_eq!(code, 2, "{now}: {all}");
        assert!(all.contains("expected unix seconds or RFC 3339"), "{all}");
    }
}

/// A JWKS saved with a UTF-8 BOM, or as UTF-16 (little or big endian) with a BOM, is read; one
/// that is not valid text is an error naming the file.
#[test]
fn a_jwks_in_utf8_with_bom_or_utf16_is_read() {
    let text = std::fs::read_to_string("testdata/token/jwks.json").unwrap();
    let utf16 = |be: bool| -> Vec<u8> {
        let mut b = if be {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            b.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        b
    };
    let tok = sign(&claims());
    for (name, bytes) in [
        (
            "utf8-bom",
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        ),
        ("utf16le", utf16(false)),
        ("utf16be", utf16(true)),
    ] {
        let j = TempJwks::bytes(name, &bytes);
        let (code, doc, all) = token_with(j.path(), "testdata/token/config", &tok, &[]);
        assert_eq!(code, 0, "{name}: {all}");
        assert_eq!(doc["valid"], true, "{name}: {doc}");
    }
    // UTF-16 without its BOM is not guessed; an odd byte count after a BOM is an error
    for (name, bytes) in [
        ("utf16-nobom", utf16(false)[2..].to_vec()),
        ("utf16-odd", [&utf16(false)[..], &[0x20][..]].concat()),
    ] {
        let j = TempJwks::bytes(name, &bytes);
        let (code, _, all) = token_with(j.path(), "testdata/token/config", &tok, &[]);
        assert_eq!(code, 2, "{name}: {all}");
        assert!(all.contains(j.path()), "{name}: {all}");
    }
}

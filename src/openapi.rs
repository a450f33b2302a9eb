//! APIs defined by an OpenAPI document in `body` (issue 11): the document is parsed (JSON or
//! YAML, with positions) and what it declares — Cognito and Lambda authorizers, operations with
//! their security and scopes, integrations, CORS — becomes resources of the model, so every rule
//! applies unchanged: a method from the body is a method.
//!
//! A body built from values not known here keeps its literal text: unknown parts become
//! placeholders while parsing and come back as template values with their origins
//! (`providerARNs: [${pool_arn}]` joins the pool `pool_arn` refers to).

use crate::diag::Diag;
use crate::load::module::Mode;
use crate::model::Resource;
use crate::source::{Files, Span};
use crate::value::{Origin, Part, V, Val};
use std::collections::{BTreeMap, BTreeSet};

/// A node of the document with its position (1-based line, 0-based column in the rendered text).
#[derive(Clone, Debug)]
pub struct Node {
    pub v: NodeV,
    pub line: usize,
    pub col: usize,
}

#[derive(Clone, Debug)]
pub enum NodeV {
    Map(Vec<(String, Node)>),
    Seq(Vec<Node>),
    Scalar(String),
    Null,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.v {
            NodeV::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.v {
            NodeV::Map(m) => m,
            _ => &[],
        }
    }
    pub fn items(&self) -> &[Node] {
        match &self.v {
            NodeV::Seq(s) => s,
            _ => &[],
        }
    }
    pub fn text(&self) -> Option<&str> {
        match &self.v {
            NodeV::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

const PH_OPEN: &str = "__awunk";
const PH_CLOSE: &str = "__";

/// The body's text, with a placeholder for each part not known here, and the origins of each.
pub fn body_text(v: &Val) -> Option<(String, Vec<Vec<Origin>>)> {
    match &v.v {
        V::Str(s) => Some((s.clone(), Vec::new())),
        V::Template(parts) => {
            let mut text = String::new();
            let mut unknowns = Vec::new();
            for p in parts {
                match p {
                    Part::Lit(s) => text.push_str(s),
                    Part::Unknown(o) => {
                        text.push_str(&format!("{PH_OPEN}{}{PH_CLOSE}", unknowns.len()));
                        unknowns.push(o.clone());
                    }
                }
            }
            // a body that is mostly unknown says nothing
            if text.trim().is_empty() || !text.contains(':') {
                return None;
            }
            Some((text, unknowns))
        }
        _ => None,
    }
}

/// Parses a JSON or YAML document into nodes with positions. Errors: (message, line, column).
pub fn parse(text: &str) -> Result<Node, (String, usize, usize)> {
    use yaml_rust2::parser::{Event, Parser};
    let mut p = Parser::new_from_str(text);
    let next = |p: &mut Parser<std::str::Chars>| {
        p.next_token()
            .map_err(|e| (e.info().to_string(), e.marker().line(), e.marker().col()))
    };
    // stream start, document start
    let (ev, at) = next(&mut p)?;
    if ev != Event::StreamStart {
        return Err(("not a document".into(), at.line(), at.col()));
    }
    let (ev, at) = next(&mut p)?;
    if ev != Event::DocumentStart {
        return Err(("the body is empty".into(), at.line(), at.col()));
    }
    let ev = next(&mut p)?;
    node(&mut p, ev, 0)
}

type Ev = (yaml_rust2::parser::Event, yaml_rust2::scanner::Marker);

fn node(
    p: &mut yaml_rust2::parser::Parser<std::str::Chars>,
    (ev, at): Ev,
    depth: usize,
) -> Result<Node, (String, usize, usize)> {
    use yaml_rust2::parser::Event;
    let pos = |v| Node {
        v,
        line: at.line(),
        col: at.col(),
    };
    if depth > 128 {
        return Err(("nested too deeply".into(), at.line(), at.col()));
    }
    let next = |p: &mut yaml_rust2::parser::Parser<std::str::Chars>| {
        p.next_token()
            .map_err(|e| (e.info().to_string(), e.marker().line(), e.marker().col()))
    };
    match ev {
        Event::Scalar(s, style, _, _) => {
            let plain = style == yaml_rust2::scanner::TScalarStyle::Plain;
            if plain && matches!(s.as_str(), "~" | "null" | "Null" | "NULL" | "") {
                Ok(pos(NodeV::Null))
            } else {
                Ok(pos(NodeV::Scalar(s)))
            }
        }
        Event::SequenceStart(..) => {
            let mut items = Vec::new();
            loop {
                let e = next(p)?;
                if e.0 == Event::SequenceEnd {
                    break;
                }
                items.push(node(p, e, depth + 1)?);
            }
            Ok(pos(NodeV::Seq(items)))
        }
        Event::MappingStart(..) => {
            let mut entries = Vec::new();
            loop {
                let e = next(p)?;
                if e.0 == Event::MappingEnd {
                    break;
                }
                let k = node(p, e, depth + 1)?;
                let key = match &k.v {
                    NodeV::Scalar(s) => s.clone(),
                    NodeV::Null => String::new(),
                    _ => return Err(("a mapping key must be a scalar".into(), k.line, k.col)),
                };
                let e = next(p)?;
                let v = node(p, e, depth + 1)?;
                entries.push((key, v));
            }
            Ok(pos(NodeV::Map(entries)))
        }
        // aliases are rare in API documents: read as null (never a guessed value)
        Event::Alias(_) => Ok(pos(NodeV::Null)),
        _ => Err(("unexpected content".into(), at.line(), at.col())),
    }
}

/// Where document positions land: the document file (when the body was read from one, line by
/// line), else the `body` attribute.
pub struct Place<'a> {
    pub file: Option<(u32, &'a crate::source::SourceFile)>,
    pub body: Option<Span>,
}

impl Place<'_> {
    /// The whole document (a synthesized resource's block: every value of it lies inside).
    fn whole(&self) -> Option<Span> {
        match self.file {
            Some((id, f)) => Some(Span::new(id, 0..f.text.len())),
            None => self.body,
        }
    }
    pub fn span(&self, n: &Node) -> Option<Span> {
        match self.file {
            Some((id, f)) => match f.offset(n.line, n.col) {
                Some(o) => Some(Span {
                    file: id,
                    start: o as u32,
                    end: f.line_end(o) as u32,
                }),
                None => self.body,
            },
            None => self.body,
        }
    }
}

/// A string value of the document: known text, or a template whose placeholders are the body's
/// unknown parts (with their origins).
fn value(s: &str, unknowns: &[Vec<Origin>], at: Option<Span>) -> Val {
    if unknowns.is_empty() || !s.contains(PH_OPEN) {
        return Val::str(s).at_opt(at);
    }
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(PH_OPEN) {
        let after = &rest[i + PH_OPEN.len()..];
        let Some(j) = after.find(PH_CLOSE) else { break };
        let Ok(n) = after[..j].parse::<usize>() else {
            break;
        };
        if i > 0 {
            parts.push(Part::Lit(rest[..i].to_string()));
        }
        parts.push(Part::Unknown(unknowns.get(n).cloned().unwrap_or_default()));
        rest = &after[j + PH_CLOSE.len()..];
    }
    if !rest.is_empty() {
        parts.push(Part::Lit(rest.to_string()));
    }
    let v = if let [Part::Unknown(o)] = parts.as_slice() {
        V::Unknown(o.clone())
    } else {
        V::Template(parts)
    };
    Val::new(v, at)
}

/// What a document declares, as model resources of the API `api` (REST or HTTP).
struct Builder<'a> {
    api: &'a Resource,
    unknowns: Vec<Vec<Origin>>,
    place: Place<'a>,
    out: Vec<Resource>,
}

impl Builder<'_> {
    fn new_res(&self, rtype: &str, key: &str, at: Option<Span>) -> Resource {
        let address = format!("{}.body[{key:?}]", self.api.address);
        let mut attrs = BTreeMap::new();
        // joins to the API through its id, as a configuration's resources do
        let api_id = Val::unknown(Origin::computed(&self.api.address, "id")).at_opt(at);
        let id_attr = if rtype.starts_with("aws_apigatewayv2") {
            "api_id"
        } else {
            "rest_api_id"
        };
        attrs.insert(id_attr.to_string(), api_id);
        Resource {
            address: address.clone(),
            base: address.clone(),
            module: self.api.module.clone(),
            mode: Mode::Managed,
            rtype: rtype.to_string(),
            name: format!("{}.body", self.api.name),
            attrs: Val {
                v: V::Obj(attrs),
                at,
                res: Some(address),
                ty: None,
                within: None,
            },
            spans: BTreeMap::new(),
            span: self.place.whole(),
            region: self.api.region.clone(),
            refs: [self.api.base.clone()].into_iter().collect(),
            depends_on: BTreeSet::new(),
            attr_refs: BTreeMap::new(),
            attr_id_refs: BTreeMap::new(),
            unknown_count: self.api.unknown_count,
        }
    }
    fn set(r: &mut Resource, attr: &str, v: Val, at: Option<Span>) {
        if let V::Obj(m) = &mut r.attrs.v {
            m.insert(attr.to_string(), v);
        }
        if let Some(at) = at {
            r.spans.insert(attr.to_string(), at);
        }
    }
    fn s(&self, n: &Node) -> Val {
        let at = self.place.span(n);
        match n.text() {
            Some(t) => value(t, &self.unknowns, at),
            None => Val::null().at_opt(at),
        }
    }
    /// A method's or route's `authorizer_id` (joining the authorizer by its address) and the
    /// scopes of its security requirement.
    fn authorizer_and_scopes(
        &self,
        r: &mut Resource,
        authorizer: Option<&str>,
        req: &Option<(String, &Node)>,
        at: Option<Span>,
    ) {
        if let Some(a) = authorizer {
            let id = Val::unknown(Origin::computed(a, "id")).at_opt(at);
            Builder::set(r, "authorizer_id", id, at);
        }
        if let Some((_, scopes)) = req
            && !scopes.items().is_empty()
        {
            Builder::set(
                r,
                "authorization_scopes",
                self.list(scopes),
                self.place.span(scopes),
            );
        }
    }
    fn list(&self, n: &Node) -> Val {
        Val::tuple(n.items().iter().map(|x| self.s(x)).collect()).at_opt(self.place.span(n))
    }
}

const VERBS: &[&str] = &[
    "get",
    "put",
    "post",
    "delete",
    "patch",
    "head",
    "options",
    "x-amazon-apigateway-any-method",
];

/// A security requirement: the scheme it names and its scopes (the first scheme of the first
/// requirement, as API Gateway reads it); `Some(None)` for `[]` or `[{}]` (open).
fn requirement(sec: &Node) -> Option<(String, &Node)> {
    let first = sec.items().first()?;
    let (name, scopes) = first.entries().first()?;
    Some((name.clone(), scopes))
}

/// The model resources an API's `body` declares. `None` when the body is not a document this
/// reads (no `paths`); errors are located input errors.
pub fn declared(
    api: &Resource,
    body: &Val,
    doc_file: Option<u32>,
    files: &Files,
    overrides: &BTreeMap<String, String>,
) -> Result<Option<Vec<Resource>>, Diag> {
    let Some((text, unknowns)) = body_text(body) else {
        return Ok(None);
    };
    let body_span = api.spans.get("body").copied().or(api.span);
    let file = doc_file.map(|id| (id, files.get(id)));
    let doc = match parse(&text) {
        Ok(d) => d,
        Err((m, line, col)) => {
            let (at, where_) = match file.and_then(|(id, f)| Some((id, f.offset(line, col)?))) {
                Some((id, o)) => (Some(Span::new(id, o..o)), String::new()),
                None => (body_span, format!(" (line {line} of the document)")),
            };
            let msg = format!(
                "the body of {} is not a valid OpenAPI document: {m}{where_}",
                api.address
            );
            return Err(match at {
                Some(at) => Diag::at(msg, at),
                None => Diag::plain(msg),
            });
        }
    };
    if doc.get("paths").is_none() {
        return Ok(None);
    }
    let mut b = Builder {
        api,
        unknowns,
        place: Place {
            file,
            body: body_span,
        },
        out: Vec::new(),
    };
    let rest = api.rtype == "aws_api_gateway_rest_api";
    // security schemes with an API Gateway authorizer
    let schemes = doc
        .get("components")
        .and_then(|c| c.get("securitySchemes"))
        .or_else(|| doc.get("securityDefinitions"));
    let mut authorizers: BTreeMap<String, (String, String)> = BTreeMap::new(); // name → (address, kind)
    for (name, sch) in schemes.map(Node::entries).unwrap_or_default() {
        let Some(az) = sch.get("x-amazon-apigateway-authorizer") else {
            if let Some(t) = sch.get("x-amazon-apigateway-authtype").and_then(Node::text)
                && t.eq_ignore_ascii_case("awsSigv4")
            {
                authorizers.insert(name.clone(), (String::new(), "AWS_IAM".into()));
            }
            continue;
        };
        let kind = az
            .get("type")
            .and_then(Node::text)
            .unwrap_or("")
            .to_ascii_lowercase();
        let at = b.place.span(sch);
        // an authorizer resource of the configuration with this name, on this API, is the one
        // the operations use
        if let Some(addr) = overrides.get(name) {
            let kind = match kind.as_str() {
                "cognito_user_pools" if rest => "COGNITO_USER_POOLS",
                "jwt" => "JWT",
                _ if rest => "CUSTOM",
                _ => "REQUEST",
            };
            authorizers.insert(name.clone(), (addr.clone(), kind.to_string()));
            continue;
        }
        if rest {
            let mut r = b.new_res(
                "aws_api_gateway_authorizer",
                &format!("authorizer {name}"),
                at,
            );
            let t = match kind.as_str() {
                "cognito_user_pools" => "COGNITO_USER_POOLS",
                "request" => "REQUEST",
                _ => "TOKEN",
            };
            Builder::set(&mut r, "name", Val::str(name.clone()).at_opt(at), at);
            Builder::set(&mut r, "type", Val::str(t).at_opt(at), at);
            if let Some(arns) = az.get("providerARNs") {
                Builder::set(&mut r, "provider_arns", b.list(arns), b.place.span(arns));
            }
            if let Some(re) = az.get("identityValidationExpression") {
                Builder::set(
                    &mut r,
                    "identity_validation_expression",
                    b.s(re),
                    b.place.span(re),
                );
            }
            // an apiKey scheme in a header names the header the token is read from
            if let (Some(h), Some("header")) = (
                sch.get("name").and_then(Node::text),
                sch.get("in").and_then(Node::text),
            ) {
                let src = format!("method.request.header.{h}");
                let n = sch.get("name").unwrap_or(sch);
                Builder::set(
                    &mut r,
                    "identity_source",
                    Val::str(src).at_opt(b.place.span(n)),
                    b.place.span(n),
                );
            }
            let method_kind = if t == "COGNITO_USER_POOLS" {
                "COGNITO_USER_POOLS"
            } else {
                "CUSTOM"
            };
            authorizers.insert(name.clone(), (r.address.clone(), method_kind.into()));
            b.out.push(r);
        } else {
            let mut r = b.new_res(
                "aws_apigatewayv2_authorizer",
                &format!("authorizer {name}"),
                at,
            );
            let t = match kind.as_str() {
                "jwt" => "JWT".to_string(),
                "request" => "REQUEST".to_string(),
                // kept as written: not an HTTP API authorizer type (http-jwt-authorizer-shape)
                other => other.to_ascii_uppercase(),
            };
            let t = t.as_str();
            Builder::set(&mut r, "name", Val::str(name.clone()).at_opt(at), at);
            Builder::set(&mut r, "authorizer_type", Val::str(t).at_opt(at), at);
            if let Some(src) = az.get("identitySource") {
                let v = match src.text() {
                    Some(_) => Val::tuple(vec![b.s(src)]).at_opt(b.place.span(src)),
                    None => b.list(src),
                };
                Builder::set(&mut r, "identity_sources", v, b.place.span(src));
            }
            if let Some(jc) = az.get("jwtConfiguration") {
                let mut o = BTreeMap::new();
                if let Some(i) = jc.get("issuer") {
                    o.insert("issuer".to_string(), b.s(i));
                    if let Some(sp) = b.place.span(i) {
                        r.spans.insert("jwt_configuration.0.issuer".into(), sp);
                    }
                }
                if let Some(a) = jc.get("audience") {
                    o.insert("audience".to_string(), b.list(a));
                    if let Some(sp) = b.place.span(a) {
                        r.spans.insert("jwt_configuration.0.audience".into(), sp);
                    }
                }
                let blk = Val::tuple(vec![Val::object(o).at_opt(b.place.span(jc))]);
                Builder::set(&mut r, "jwt_configuration", blk, b.place.span(jc));
            }
            authorizers.insert(name.clone(), (r.address.clone(), t.to_string()));
            b.out.push(r);
        }
    }
    let global = doc.get("security");
    let mut resources_made: BTreeSet<String> = BTreeSet::new();
    for (path, item) in doc.get("paths").map(Node::entries).unwrap_or_default() {
        for (verb, op) in item.entries() {
            let verb_l = verb.to_ascii_lowercase();
            if !VERBS.contains(&verb_l.as_str()) {
                continue;
            }
            let http = if verb_l == "x-amazon-apigateway-any-method" {
                "ANY".to_string()
            } else {
                verb_l.to_ascii_uppercase()
            };
            let at = b.place.span(op);
            let sec = op.get("security").or(global);
            let req = sec.and_then(requirement);
            let (auth, az_addr) = match &req {
                None => ("NONE".to_string(), None),
                Some((name, _)) => match authorizers.get(name) {
                    Some((addr, kind)) => (kind.clone(), (!addr.is_empty()).then(|| addr.clone())),
                    // a scheme without an API Gateway authorizer (an API key): not an authorizer
                    None => ("NONE".to_string(), None),
                },
            };
            let sec_at = sec.map(|s| b.place.span(s)).unwrap_or(at);
            if rest {
                let parent = rest_resources(&mut b, path, &mut resources_made, at);
                let mut m = b.new_res("aws_api_gateway_method", &format!("{http} {path}"), at);
                Builder::set(&mut m, "http_method", Val::str(http.clone()).at_opt(at), at);
                Builder::set(&mut m, "resource_id", parent.clone(), at);
                Builder::set(
                    &mut m,
                    "authorization",
                    Val::str(auth.clone()).at_opt(sec_at),
                    sec_at,
                );
                b.authorizer_and_scopes(&mut m, az_addr.as_deref(), &req, sec_at);
                let maddr = m.address.clone();
                b.out.push(m);
                if let Some(integ) = op.get("x-amazon-apigateway-integration") {
                    let iat = b.place.span(integ);
                    let mut i = b.new_res(
                        "aws_api_gateway_integration",
                        &format!("integration {http} {path}"),
                        iat,
                    );
                    Builder::set(&mut i, "resource_id", parent.clone(), iat);
                    Builder::set(
                        &mut i,
                        "http_method",
                        Val::unknown(Origin::computed(&maddr, "http_method")).at_opt(iat),
                        iat,
                    );
                    if let Some(t) = integ.get("type") {
                        Builder::set(
                            &mut i,
                            "type",
                            Val::str(t.text().unwrap_or("").to_ascii_uppercase())
                                .at_opt(b.place.span(t)),
                            b.place.span(t),
                        );
                    }
                    b.out.push(i);
                }
                // responses declaring CORS headers: browser evidence for the CORS rules
                for (status, resp) in op.get("responses").map(Node::entries).unwrap_or_default() {
                    let headers = resp.get("headers").map(Node::entries).unwrap_or_default();
                    if headers
                        .iter()
                        .any(|(h, _)| h.to_ascii_lowercase().starts_with("access-control-allow"))
                    {
                        let rat = b.place.span(resp);
                        let mut r = b.new_res(
                            "aws_api_gateway_method_response",
                            &format!("response {status} {http} {path}"),
                            rat,
                        );
                        Builder::set(&mut r, "resource_id", parent.clone(), rat);
                        let mut params = BTreeMap::new();
                        for (h, _) in headers {
                            params.insert(format!("method.response.header.{h}"), Val::bool(true));
                        }
                        Builder::set(
                            &mut r,
                            "response_parameters",
                            Val::object(params).at_opt(rat),
                            rat,
                        );
                        b.out.push(r);
                    }
                }
            } else {
                let key = format!("{http} {path}");
                let mut r = b.new_res("aws_apigatewayv2_route", &key, at);
                Builder::set(&mut r, "route_key", Val::str(key.clone()).at_opt(at), at);
                let kind = match auth.as_str() {
                    "JWT" => "JWT",
                    "REQUEST" => "CUSTOM",
                    "AWS_IAM" => "AWS_IAM",
                    _ => "NONE",
                };
                Builder::set(
                    &mut r,
                    "authorization_type",
                    Val::str(kind).at_opt(sec_at),
                    sec_at,
                );
                // an authorizer HTTP APIs do not have protects nothing (reported on it)
                let az = az_addr.as_deref().filter(|_| kind != "NONE");
                b.authorizer_and_scopes(&mut r, az, &req, sec_at);
                b.out.push(r);
            }
        }
    }
    // HTTP API CORS declared in the document: API Gateway answers preflights itself, as with
    // cors_configuration
    if !rest && let Some(c) = doc.get("x-amazon-apigateway-cors") {
        let at = b.place.span(c);
        let mut o = BTreeMap::new();
        for (k, attr) in [
            ("allowOrigins", "allow_origins"),
            ("allowMethods", "allow_methods"),
            ("allowHeaders", "allow_headers"),
        ] {
            if let Some(v) = c.get(k) {
                o.insert(attr.to_string(), b.list(v));
            }
        }
        let mut marker = b.new_res("aws_apigatewayv2_api", "cors", at);
        Builder::set(
            &mut marker,
            "cors_configuration",
            Val::tuple(vec![Val::object(o).at_opt(at)]),
            at,
        );
        b.out.push(marker);
    }
    Ok(Some(b.out))
}

/// The `aws_api_gateway_resource`s of a path (one per segment, made once), returning the
/// resource id value of the path's last segment (the API's root resource for `/`).
fn rest_resources(
    b: &mut Builder,
    path: &str,
    made: &mut BTreeSet<String>,
    at: Option<Span>,
) -> Val {
    let mut parent = Val::unknown(Origin::computed(&b.api.address, "root_resource_id")).at_opt(at);
    let mut prefix = String::new();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(seg);
        let key = format!("resource {prefix}");
        let addr = format!("{}.body[{key:?}]", b.api.address);
        if made.insert(prefix.clone()) {
            let mut r = b.new_res("aws_api_gateway_resource", &key, at);
            Builder::set(&mut r, "path_part", Val::str(seg).at_opt(at), at);
            Builder::set(&mut r, "parent_id", parent.clone(), at);
            b.out.push(r);
        }
        parent = Val::unknown(Origin::computed(&addr, "id")).at_opt(at);
    }
    parent
}

/// An API whose body holds a document authwire cannot read here (its text is not known).
#[derive(Clone, Debug)]
pub struct OpaqueBody {
    pub address: String,
    pub span: Option<Span>,
    pub origins: Vec<Origin>,
}

/// Adds what the bodies of the APIs among `resources` declare. Returns the input errors (a body
/// that is not a valid document) and the APIs whose body text is not known here.
pub fn add_bodies(
    resources: &mut Vec<Resource>,
    documents: &BTreeMap<Span, u32>,
    files: &Files,
) -> (Vec<Diag>, Vec<OpaqueBody>) {
    let mut diags = Vec::new();
    let mut opaque = Vec::new();
    let mut added = Vec::new();
    // authorizer resources by (the API they belong to, their name)
    let mut named: BTreeMap<(String, String), String> = BTreeMap::new();
    for r in resources.iter().filter(|r| {
        matches!(
            r.rtype.as_str(),
            "aws_api_gateway_authorizer" | "aws_apigatewayv2_authorizer"
        )
    }) {
        let (Some(n), Some(id)) = (
            r.get("name").and_then(Val::as_str),
            r.get("rest_api_id").or_else(|| r.get("api_id")),
        ) else {
            continue;
        };
        for o in id.origins() {
            if let Some(a) = o.res {
                named.insert((a, n.to_string()), r.address.clone());
            }
        }
    }
    for api in resources.iter() {
        if api.mode != Mode::Managed
            || !matches!(
                api.rtype.as_str(),
                "aws_api_gateway_rest_api" | "aws_apigatewayv2_api"
            )
        {
            continue;
        }
        let Some(body) = api.get("body") else {
            continue;
        };
        if body.is_null() {
            continue;
        }
        let doc = api
            .spans
            .get("body")
            .and_then(|s| documents.get(s))
            .copied();
        let overrides: BTreeMap<String, String> = named
            .iter()
            .filter(|((a, _), _)| *a == api.address)
            .map(|((_, n), r)| (n.clone(), r.clone()))
            .collect();
        match declared(api, body, doc, files, &overrides) {
            Ok(Some(rs)) => added.extend(rs),
            Ok(None) if body.is_unknown() => opaque.push(OpaqueBody {
                address: api.address.clone(),
                span: api.spans.get("body").copied().or(api.span),
                origins: body.origins(),
            }),
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    // a CORS marker of an HTTP body sets the API's cors_configuration (when it has none)
    let (markers, added): (Vec<Resource>, Vec<Resource>) = added
        .into_iter()
        .partition(|r| r.rtype == "aws_apigatewayv2_api");
    for mk in markers {
        let api_addr = mk.address.trim_end_matches(".body[\"cors\"]").to_string();
        if let Some(api) = resources.iter_mut().find(|r| r.address == api_addr)
            && api.get("cors_configuration").is_none_or(|v| v.is_null())
            && let (V::Obj(m), Some(c)) = (&mut api.attrs.v, mk.get("cors_configuration"))
        {
            m.insert("cors_configuration".to_string(), c.clone());
            if let Some(sp) = mk.spans.get("cors_configuration") {
                api.spans.insert("cors_configuration".to_string(), *sp);
            }
        }
    }
    resources.extend(added);
    (diags, opaque)
}

/// `with_at` for a location that may be missing (a plan without its configuration).
trait AtOpt {
    fn at_opt(self, at: Option<Span>) -> Val;
}

impl AtOpt for Val {
    fn at_opt(self, at: Option<Span>) -> Val {
        match at {
            Some(a) => self.with_at(a),
            None => self,
        }
    }
}

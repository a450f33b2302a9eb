//! Provider-computed attributes that rules need, synthesized from configuration (design §1).
//! One table, one place: add a resource type here, not in rules.

use crate::eval::funcs::from_parts;
use crate::load::module::Mode;
use crate::value::{Origin, Part, V, Val};
use std::collections::BTreeMap;

/// CloudFront's hosted zone id, used by every alias to a CloudFront distribution.
pub const CLOUDFRONT_ZONE_ID: &str = "Z2FDTNDATAQYW2";

/// Sets a computed attribute unless the configuration (or a plan) already knows it.
fn set_default(attrs: &mut BTreeMap<String, Val>, k: &str, v: Val) {
    match attrs.get(k) {
        Some(cur) if !cur.is_unknown() && !cur.is_null() => {}
        _ => {
            attrs.insert(k.to_string(), v);
        }
    }
}

fn parts(v: &Val) -> Vec<Part> {
    crate::eval::funcs::to_parts(v).unwrap_or_else(|_| vec![Part::Unknown(v.origins())])
}

pub fn add(mode: Mode, rtype: &str, addr: &str, attrs: &mut BTreeMap<String, Val>, region: &Val) {
    if mode == Mode::Data {
        return;
    }
    let unknown = |a: &str| Val::unknown(Origin::computed(addr, a));
    match rtype {
        "aws_cognito_resource_server" => {
            let ident = attrs
                .get("identifier")
                .cloned()
                .unwrap_or_else(|| unknown("identifier"));
            let scopes = attrs
                .get("scope")
                .cloned()
                .unwrap_or_else(|| Val::new(V::List(vec![]), None));
            let ids = match scopes.items() {
                Some(items) => {
                    let list = items
                        .iter()
                        .map(|s| {
                            let name = s
                                .get("scope_name")
                                .cloned()
                                .unwrap_or_else(|| unknown("scope.scope_name"));
                            let mut p = parts(&ident);
                            p.push(Part::Lit("/".into()));
                            p.extend(parts(&name));
                            Val::new(from_parts(p), name.at.or(s.at))
                        })
                        .collect();
                    Val::new(V::List(list), None)
                }
                None => Val::new(V::Unknown(scopes.origins()), None),
            };
            set_default(attrs, "scope_identifiers", ids);
        }
        "aws_acm_certificate" => {
            let mut names = vec![
                attrs
                    .get("domain_name")
                    .cloned()
                    .unwrap_or_else(|| unknown("domain_name")),
            ];
            // one validation option per name: the name is known, the record only after apply
            // (the origin names the option's domain when known, so a record made from one
            // option can be told apart from the others)
            let dvo = |name: Val| {
                let key = match name.as_str() {
                    Some(n) => format!("domain_validation_options[{n:?}]"),
                    None => "domain_validation_options".to_string(),
                };
                let mut o = BTreeMap::new();
                o.insert("domain_name".to_string(), name);
                for a in [
                    "resource_record_name",
                    "resource_record_value",
                    "resource_record_type",
                ] {
                    o.insert(a.to_string(), unknown(&format!("{key}.{a}")));
                }
                Val::new(V::Obj(o), None)
            };
            let options = match attrs.get("subject_alternative_names").map(|v| &v.v) {
                Some(V::List(l)) => {
                    names.extend(l.iter().cloned());
                    let mut seen: Vec<&Val> = Vec::new();
                    let mut list = Vec::new();
                    for n in &names {
                        if seen.iter().any(|s| s.v == n.v && !n.is_unknown()) {
                            continue;
                        }
                        seen.push(n);
                        list.push(dvo(n.clone()));
                    }
                    Val::new(V::List(list), None)
                }
                Some(V::Null) | None => Val::new(V::List(vec![dvo(names[0].clone())]), None),
                Some(_) => unknown("domain_validation_options"),
            };
            set_default(attrs, "domain_validation_options", options);
        }
        "aws_cognito_user_pool_domain" => {
            set_default(
                attrs,
                "cloudfront_distribution_zone_id",
                Val::str(CLOUDFRONT_ZONE_ID),
            );
        }
        "aws_cognito_user_pool" => {
            let mut p = vec![Part::Lit("cognito-idp.".into())];
            p.extend(parts(region));
            p.push(Part::Lit(".amazonaws.com/".into()));
            p.push(Part::Unknown(vec![Origin::computed(addr, "id")]));
            set_default(attrs, "endpoint", Val::new(from_parts(p), None));
        }
        _ => {}
    }
}

/// Computed attributes that need other resources, once the model is built:
/// `aws_route53_record.fqdn` = the record's name expanded against its zone's name.
pub fn add_joined(model: &mut crate::model::Model) {
    use crate::model::norm_host;
    let mut fqdns = Vec::new();
    for (i, r) in model.resources.iter().enumerate() {
        if r.rtype != "aws_route53_record" || r.get("fqdn").is_some_and(|v| !v.is_unknown()) {
            continue;
        }
        let Some(name) = r.str("name") else { continue };
        let name = norm_host(name);
        let zone = r
            .get("zone_id")
            .map(|z| model.links(z, "aws_route53_zone"))
            .unwrap_or_default();
        let zone_name = zone.first().and_then(|z| z.str("name")).map(norm_host);
        let fqdn = match zone_name {
            Some(z) if name.is_empty() || name == "@" => Some(z),
            Some(z) if name == z || name.ends_with(&format!(".{z}")) => Some(name),
            Some(z) => Some(format!("{name}.{z}")),
            None if name.contains('.') => Some(name),
            None => None,
        };
        if let Some(f) = fqdn {
            fqdns.push((i, f));
        }
    }
    for (i, f) in fqdns {
        if let V::Obj(m) = &mut model.resources[i].attrs.v {
            m.insert("fqdn".into(), Val::str(f));
        }
    }
}

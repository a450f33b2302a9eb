use crate::model::view::{RestAuthorizer, RestDeployment, RestIntegration, RestMethod, RestStage};
use crate::model::{Model, Resource, dep_covers as covers};
use crate::rules::context::Cx;
use crate::rules::support::related;
use crate::value::OriginKind;
use std::collections::{BTreeMap, BTreeSet};

rule!(
    Warning,
    "A REST deployment must be redeployed when methods, integrations, resources or authorizers change"
);

/// What a deployment must be replaced for: the API's methods and integrations, and the
/// authorizers its methods use. The resources they sit on need not be listed: a method's and an
/// integration's ids contain the resource id, so replacing a resource replaces them. An
/// authorizer or resource that no method uses is not needed.
fn parts_by_api(m: &Model) -> BTreeMap<&str, Vec<&Resource>> {
    let mut out: BTreeMap<&str, Vec<&Resource>> = BTreeMap::new();
    let mut authorizers: BTreeMap<&str, RestAuthorizer> = BTreeMap::new();
    for me in m.all::<RestMethod>() {
        for a in me.rest_apis(m) {
            out.entry(a.0.address.as_str()).or_default().push(me.0);
        }
        for z in me.linked_authorizers(m) {
            authorizers.insert(z.0.address.as_str(), z);
        }
    }
    for i in m.all::<RestIntegration>() {
        for a in i.rest_apis(m) {
            out.entry(a.0.address.as_str()).or_default().push(i.0);
        }
    }
    for z in authorizers.into_values() {
        for a in z.rest_apis(m) {
            out.entry(a.0.address.as_str()).or_default().push(z.0);
        }
    }
    out
}

fn check(cx: &mut Cx) {
    let m = cx.m;
    let parts = parts_by_api(m);
    // deployments whose replacement Terraform orders create-before-destroy because a resource
    // that depends on them has create_before_destroy (Terraform forces it on dependencies)
    let mut inherited_cbd: BTreeSet<&str> = BTreeSet::new();
    for r in &m.resources {
        if r.create_before_destroy() {
            inherited_cbd.extend(r.deps().map(String::as_str));
        }
    }
    let mut staged: BTreeSet<&str> = BTreeSet::new();
    for s in m.all::<RestStage>() {
        for d in s.deployments(m) {
            staged.insert(d.0.address.as_str());
        }
    }
    for d in m.all::<RestDeployment>() {
        let apis = d.rest_apis(m);
        let Some(api) = apis.first() else { continue };
        let fallback = d.rest_api_id().span();
        let args = d.redeploy_args();
        let volatile = args.iter().any(|a| {
            a.at.val()
                .is_some_and(|v| v.origins().iter().any(|o| o.kind == OriginKind::Volatile))
        });
        let refs: BTreeSet<&str> = args
            .iter()
            .flat_map(|a| a.refs.iter().map(String::as_str))
            .collect();
        // what the API's OpenAPI body declares is covered by a hash of the body (or the API)
        let body_covered = refs.iter().any(|d| covers(d, &api.base));
        let is_covered = |base: &str| {
            refs.iter().any(|d| covers(d, base))
                || (body_covered && base.starts_with(&format!("{}.body[", api.address)))
        };
        // covered by a read of more than the id (an in-place change keeps the id)
        let whole = |base: &str| {
            args.iter()
                .any(|a| a.refs.iter().any(|d| covers(d, base)) && !a.id_only.contains(base))
        };
        let body_key = format!("{}.body", api.address);
        let mut missing: Vec<&str> = Vec::new();
        let mut ids_only: Vec<&str> = Vec::new();
        if !volatile {
            for p in parts.get(api.address.as_str()).into_iter().flatten() {
                // the body's operations are one thing to hash: the body
                let b = if p.from_body() {
                    body_key.as_str()
                } else {
                    p.base.as_str()
                };
                if p.from_body() && is_covered(&p.base) {
                    continue;
                }
                if !is_covered(b) {
                    if !missing.contains(&b) {
                        missing.push(b);
                    }
                } else if !whole(b) && !ids_only.contains(&b) {
                    ids_only.push(b);
                }
            }
        }
        let name = api.name();
        if args.is_empty() && !missing.is_empty() {
            let shown = listing(&missing);
            cx.report_on(&d, format!("{} has no triggers, so it is never replaced after the first apply: later changes to {shown} are not deployed and the stage keeps serving the old API (depends_on only orders the first creation)", d.address))
                .at(fallback)
                .related(related(name.res, name.attr, "the REST API"))
                .help("triggers = { redeployment = sha1(jsonencode([<every method, integration, resource and authorizer of the API>])) } with lifecycle { create_before_destroy = true }")
                .emit(cx);
        } else if !missing.is_empty() && refs.is_empty() {
            // triggers computed from values that name no resource (file hashes, a variable
            // with a literal value): what they cover cannot be told
            let g = &args[0].at;
            cx.report(g, None, format!("cannot verify that {} is redeployed when the API changes: its {} refers to no resource of the configuration (a file hash or a literal value covers what it covers); {} would need to be covered", d.address, g.attr, listing(&missing)))
                .note()
                .help("hash the API's resources in triggers: sha1(jsonencode([aws_api_gateway_method.x, …])), or ignore this note when the hashed files define them all")
                .emit(cx);
        } else if !missing.is_empty() {
            let g = &args[0].at;
            cx.report(g, None, format!("{} is not redeployed when {} change(s): its `{}` argument does not refer to them, so edited scopes, authorizers or integrations stay inactive and the stage keeps serving the old API", d.address, listing(&missing), g.attr))
                .related(related(name.res, name.attr, "the REST API"))
                .help("add them to triggers = { redeployment = sha1(jsonencode([...])) }")
                .emit(cx);
        }
        if !ids_only.is_empty() {
            let g = &args[0].at;
            cx.report(g, None, format!("{} hashes only the id of {}: an in-place change (authorization, scopes, authorizer or integration settings) keeps the id, so it is not deployed and the stage keeps serving the old API", d.address, listing(&ids_only)))
                .related(related(name.res, name.attr, "the REST API"))
                .help("hash the whole resources: sha1(jsonencode([aws_api_gateway_method.x, aws_api_gateway_integration.x, …])), not their .id")
                .emit(cx);
        }
        // replacing a deployment a stage points at fails unless the new one is created first
        let inline_stage = d.stage_name().known().is_some_and(|s| !s.is_empty());
        if !args.is_empty()
            && !inline_stage
            && staged.contains(d.address.as_str())
            && !d.create_before_destroy().known().is_some_and(|b| *b)
            && !inherited_cbd.iter().any(|x| covers(x, &d.base))
        {
            cx.report_on(&d, format!("{} is replaced whenever its {} change, but lacks lifecycle {{ create_before_destroy = true }}; replacing it fails with \"Active stages pointing to this deployment must be moved or deleted\"", d.address, args.iter().map(|a| a.at.attr).collect::<Vec<_>>().join("/")))
                .at(d.lifecycle().attr_span().or(fallback))
                .help("add lifecycle { create_before_destroy = true }")
                .emit(cx);
        }
    }
}

fn listing(missing: &[&str]) -> String {
    let shown: Vec<&str> = missing.iter().take(6).copied().collect();
    let more = if missing.len() > 6 {
        format!(" and {} more", missing.len() - 6)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

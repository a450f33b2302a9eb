use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A custom domain must be covered by the domain_name or a SAN of the certificate it uses"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (rtype, host_attr, cert_attrs) in CERT_CONSUMERS {
        for res in m.resources_of(rtype) {
            let Some(host_v) = res.get(host_attr) else {
                continue;
            };
            let Some((cert_attr, cert_v)) = cert_attrs
                .iter()
                .find_map(|a| res.get(a).filter(|v| !v.is_null()).map(|v| (*a, v)))
            else {
                continue;
            };
            let host = match host_v.as_str() {
                Some(h) if rtype == "aws_cognito_user_pool_domain" && !h.contains('.') => {
                    continue;
                } // prefix domain
                Some(h) => h.to_string(),
                None => {
                    finding(&META, res, format!("cannot verify the certificate of {}: the domain name is not known ({})", res.address, origins_text(&host_v.origins())))
                            .place(place(res, host_attr, Some(host_v)))
                            .help("make the domain name known at plan time (a literal, a variable with a value)")
                            .note()
                            .push(out);
                    continue;
                }
            };
            let certs = m.links(cert_v, "aws_acm_certificate");
            let managed: Vec<_> = certs
                .iter()
                .filter(|c| c.mode == crate::load::module::Mode::Managed)
                .collect();
            let Some(cert) = managed.first() else {
                let why = if !certs.is_empty() {
                    format!(
                        "the certificate comes from data source {}, whose names are read from AWS",
                        certs[0].address
                    )
                } else if let Some(arn) = cert_v.as_str() {
                    format!("certificate {arn} is not managed in this configuration")
                } else {
                    origins_text(&cert_v.origins())
                };
                finding(&META, res, format!("cannot verify that the certificate of {host} covers it: {why}"))
                        .at(res.span(cert_attr))
                        .help("make sure the certificate lists this name (or a *. wildcard one label above it)")
                        .note()
                        .push(out);
                continue;
            };
            let mut names = vec![cert.get("domain_name")];
            let sans = cert.get("subject_alternative_names");
            names.extend(
                sans.and_then(|s| s.items())
                    .unwrap_or_default()
                    .into_iter()
                    .map(Some),
            );
            let known: Vec<&str> = names.iter().flatten().filter_map(|v| v.as_str()).collect();
            if known.iter().any(|n| crate::model::covers(n, &host)) {
                continue;
            }
            let unknown = names.iter().any(|n| n.is_none_or(|v| v.is_unknown()))
                || sans.is_some_and(|s| s.is_unknown());
            if unknown {
                finding(&META, res, format!("cannot verify that {} covers {host}: some of its names are not known", cert.address))
                        .place(place(res, host_attr, Some(host_v)))
                        .related(related(cert, "subject_alternative_names", "certificate names"))
                        .help("make the certificate's domain_name and subject_alternative_names known at plan time")
                        .note()
                        .push(out);
                continue;
            }
            let why = if rtype == "aws_cognito_user_pool_domain" {
                "Cognito rejects the domain (\"The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain\")"
            } else {
                "clients fail the TLS name check on every call"
            };
            let cert_names = known.join(", ");
            let attr = if sans.is_some() {
                "subject_alternative_names"
            } else {
                "domain_name"
            };
            finding(&META, res, format!("certificate {} ({cert_names}) does not cover {host}; {why}", cert.address))
                    .place(place(res, host_attr, Some(host_v)))
                    .related(related(cert, attr, format!("certificate names: {cert_names}")))
                    .help(format!("add \"{host}\" to subject_alternative_names of {} (a wildcard *.x covers exactly one label)", cert.address))
                    .push(out);
        }
    }
}

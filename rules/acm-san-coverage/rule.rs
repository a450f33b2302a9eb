use crate::model::acm::{ConsumerKind, cert_consumers, certificates_of, related_at};
use crate::model::covers;
use crate::rules::context::Cx;
use crate::rules::support::origins_text;

rule!(
    Error,
    "A custom domain must be covered by the domain_name or a SAN of the certificate it uses"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    for c in cert_consumers(m) {
        let res = c.res;
        let host_v = c.host();
        if host_v.is_absent() {
            continue;
        }
        let cert_v = c.certificate_arn();
        let Some(cert_val) = cert_v.val() else {
            continue;
        };
        let host = match host_v.known() {
            Some(h) if c.kind == ConsumerKind::Cognito && !h.contains('.') => {
                continue;
            } // prefix domain
            Some(h) => h.to_string(),
            None => {
                cx.report(
                    &host_v,
                    host_v.val(),
                    format!(
                        "cannot verify the certificate of {}: the domain name is not known ({})",
                        res.address,
                        origins_text(&host_v.origins())
                    ),
                )
                .help(
                    "make the domain name known at plan time (a literal, a variable with a value)",
                )
                .note()
                .emit(cx);
                continue;
            }
        };
        let certs = certificates_of(m, &cert_v);
        let Some(cert) = certs.iter().copied().find(|c| c.is_managed()) else {
            let why = if !certs.is_empty() {
                format!(
                    "the certificate comes from data source {}, whose names are read from AWS",
                    certs[0].address
                )
            } else if let Some(arn) = cert_val.as_str() {
                format!("certificate {arn} is not managed in this configuration")
            } else {
                origins_text(&cert_val.origins())
            };
            cx.report_on(
                res,
                format!("cannot verify that the certificate of {host} covers it: {why}"),
            )
            .at(cert_v.span())
            .help("make sure the certificate lists this name (or a *. wildcard one label above it)")
            .note()
            .emit(cx);
            continue;
        };
        let names = cert.names_as_written();
        if names.known.iter().any(|n| covers(n, &host)) {
            continue;
        }
        let sans = cert.subject_alternative_names();
        if names.some_unknown {
            cx.report(&host_v, host_v.val(), format!("cannot verify that {} covers {host}: some of its names are not known", cert.address))
                .related(related_at(&sans, "certificate names"))
                .help("make the certificate's domain_name and subject_alternative_names known at plan time")
                .note()
                .emit(cx);
            continue;
        }
        let why = if c.kind == ConsumerKind::Cognito {
            "Cognito rejects the domain (\"The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain\")"
        } else {
            "clients fail the TLS name check on every call"
        };
        let cert_names = names.known.join(", ");
        let listed = if names.sans_written {
            related_at(&sans, format!("certificate names: {cert_names}"))
        } else {
            related_at(
                &cert.domain_name(),
                format!("certificate names: {cert_names}"),
            )
        };
        cx.report(&host_v, host_v.val(), format!("certificate {} ({cert_names}) does not cover {host}; {why}", cert.address))
            .related(listed)
            .help(format!("add \"{host}\" to subject_alternative_names of {} (a wildcard *.x covers exactly one label)", cert.address))
            .emit(cx);
    }
}

use crate::model::view::{ResourceServer, UserPool, UserPoolClient, UserPoolDomain};
use crate::rules::context::Cx;
use crate::rules::support::related;

rule!(
    Error,
    "user_pool_id must be a user pool's id, not its ARN, endpoint or name"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let clients = m.all::<UserPoolClient>().map(|c| (c.0, c.user_pool_id()));
    let servers = m.all::<ResourceServer>().map(|s| (s.0, s.user_pool_id()));
    let domains = m.all::<UserPoolDomain>().map(|d| (d.0, d.user_pool_id()));
    for (res, id) in clients.chain(servers).chain(domains) {
        let join = m.join::<UserPool>(id.val(), &["id"]);
        for (pool, attr) in join.wrong {
            let name = pool.name();
            cx.report(&id, None, format!("user_pool_id of {} reads {}.{attr}, not the pool's id; Cognito expects an id such as eu-west-1_AbC123 and rejects the request (InvalidParameterException / ResourceNotFoundException)", res.address, pool.address))
                .related(related(name.res, name.attr, "the user pool"))
                .help(format!("user_pool_id = {}.id", pool.base))
                .emit(cx);
        }
    }
}

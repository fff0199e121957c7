//! SQL for `activity` and where it is not allowed.

use super::Activity;
use crate::clients::ClientKind;
use crate::db::DbConn;
use crate::ids::{ActivityId, MunicipalityId, OrganisationId};
use crate::on;

/// Add an activity unless the organisation has one by that name; its id either way.
pub async fn insert_or_find(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
    category: &str,
    name: &str,
) -> Result<ActivityId, sqlx::Error> {
    const INSERT: &str = "INSERT INTO activity (organisation_id, category, name) \
        VALUES ($1, $2, $3) ON CONFLICT (organisation_id, name) DO NOTHING";
    const FIND: &str = "SELECT id FROM activity WHERE organisation_id = $1 AND name = $2";
    on!(c, c => {
        sqlx::query(INSERT).bind(organisation_id).bind(category).bind(name).execute(&mut *c).await?;
        sqlx::query_scalar(FIND).bind(organisation_id).bind(name).fetch_one(&mut *c).await
    })
}

pub async fn list(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<Activity>, sqlx::Error> {
    const SQL: &str = "SELECT id, category, name FROM activity WHERE organisation_id = $1 \
        ORDER BY category, name";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

pub async fn organisation_of(
    c: DbConn<'_>,
    activity: ActivityId,
) -> Result<Option<OrganisationId>, sqlx::Error> {
    const SQL: &str = "SELECT organisation_id FROM activity WHERE id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(activity).fetch_optional(c).await)
}

pub async fn not_in(
    c: DbConn<'_>,
    activity: ActivityId,
) -> Result<Vec<MunicipalityId>, sqlx::Error> {
    const SQL: &str = "SELECT municipality_id FROM activity_not_in_municipality \
        WHERE activity_id = $1 ORDER BY municipality_id";
    on!(c, c => sqlx::query_scalar(SQL).bind(activity).fetch_all(c).await)
}

pub async fn not_for(c: DbConn<'_>, activity: ActivityId) -> Result<Vec<ClientKind>, sqlx::Error> {
    const SQL: &str = "SELECT kind FROM activity_not_for_kind WHERE activity_id = $1 ORDER BY kind";
    on!(c, c => sqlx::query_scalar(SQL).bind(activity).fetch_all(c).await)
}

pub async fn set_in_municipality(
    c: DbConn<'_>,
    activity: ActivityId,
    municipality: MunicipalityId,
    allowed: bool,
) -> Result<(), sqlx::Error> {
    const ALLOW: &str =
        "DELETE FROM activity_not_in_municipality WHERE activity_id = $1 AND municipality_id = $2";
    const FORBID: &str = "INSERT INTO activity_not_in_municipality (activity_id, municipality_id) \
        VALUES ($1, $2) ON CONFLICT DO NOTHING";
    let sql = if allowed { ALLOW } else { FORBID };
    on!(c, c => sqlx::query(sql).bind(activity).bind(municipality).execute(c).await.map(|_| ()))
}

pub async fn set_for_kind(
    c: DbConn<'_>,
    activity: ActivityId,
    kind: ClientKind,
    allowed: bool,
) -> Result<(), sqlx::Error> {
    const ALLOW: &str = "DELETE FROM activity_not_for_kind WHERE activity_id = $1 AND kind = $2";
    const FORBID: &str = "INSERT INTO activity_not_for_kind (activity_id, kind) VALUES ($1, $2) \
        ON CONFLICT DO NOTHING";
    let sql = if allowed { ALLOW } else { FORBID };
    on!(c, c => sqlx::query(sql).bind(activity).bind(kind).execute(c).await.map(|_| ()))
}

/// Is the activity allowed for this gebruiker (its municipality and its kind)?
pub async fn allowed_for_client(
    c: DbConn<'_>,
    activity: ActivityId,
    client: crate::ids::ClientId,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM client cl WHERE cl.id = $2 \
        AND NOT EXISTS (SELECT 1 FROM activity_not_in_municipality x \
            WHERE x.activity_id = $1 AND x.municipality_id = cl.municipality_id) \
        AND NOT EXISTS (SELECT 1 FROM activity_not_for_kind k \
            WHERE k.activity_id = $1 AND k.kind = cl.kind)";
    let n: i64 =
        on!(c, c => sqlx::query_scalar(SQL).bind(activity).bind(client).fetch_one(c).await)?;
    Ok(n == 1)
}

/// The activities a gebruiker may ask for: the organisation's, allowed in the gebruiker's
/// municipality and for its kind.
pub async fn allowed_list_for_client(
    c: DbConn<'_>,
    client: crate::ids::ClientId,
) -> Result<Vec<Activity>, sqlx::Error> {
    const SQL: &str = "SELECT a.id, a.category, a.name FROM activity a \
        JOIN client cl ON cl.organisation_id = a.organisation_id WHERE cl.id = $1 \
        AND NOT EXISTS (SELECT 1 FROM activity_not_in_municipality x \
            WHERE x.activity_id = a.id AND x.municipality_id = cl.municipality_id) \
        AND NOT EXISTS (SELECT 1 FROM activity_not_for_kind k \
            WHERE k.activity_id = a.id AND k.kind = cl.kind) \
        ORDER BY a.category, a.name";
    on!(c, c => sqlx::query_as(SQL).bind(client).fetch_all(c).await)
}

//! The gebruiker's use cases. Confirming and disputing prestaties lives with the prestaties
//! (`time_entries::service`).

use super::{ClientOverview, PendingEntry, store};
use crate::db::Conn;
use crate::error::AppError;
use crate::request::Ctx;
use crate::time_entries::store as entries;
use crate::{cheques, organisations, rules};

pub async fn overview(ctx: &Ctx, conn: &mut Conn) -> Result<ClientOverview, AppError> {
    let client_id = ctx.caller.client()?;
    let client = store::by_id(conn.c(), client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let settings = organisations::settings(conn.c(), client.organisation_id).await?;
    let cheque_balance = cheques::store::balance(conn.c(), client.id).await?;
    let (entries, owed) = entries::owed_by_client(conn.c(), client.id).await?;
    let pending = entries::pending_for_client(conn.c(), client.id, 200)
        .await?
        .into_iter()
        .map(|line| PendingEntry {
            cheques: rules::cheques_for(line.minutes.unwrap_or(0)),
            auto_confirm_on: line.submitted_at.map(|at| {
                rules::auto_confirm_on(crate::clock::local_date(at), settings.auto_confirm_days)
            }),
            line,
        })
        .collect();
    let recent = entries::decided_for_client(conn.c(), client.id, 10).await?;
    Ok(ClientOverview {
        name: client.name,
        cheque_balance,
        owed: super::Owed {
            entries,
            cheques: owed,
        },
        pending,
        recent,
    })
}

// ---- The bemiddelaar's use cases: the organisation's gebruikers ----

use super::{ClientFile, ClientForm, ClientKind, ClientLine, ClientLogin};
use crate::audit::{self, Action, Event};
use crate::auth::{ActivationCode, Role};
use crate::db::{DbConn, Tx};
use crate::error::Field;
use crate::ids::{ClientId, MunicipalityId, OrganisationId};

/// Wacht op cheques: the organisation's gebruikers whose confirmed prestaties wait for cheques.
pub async fn waiting_for_cheques(
    ctx: &Ctx,
    conn: &mut Conn,
) -> Result<Vec<super::OwingClient>, AppError> {
    let organisation = ctx.caller.staff()?;
    Ok(entries::owing_clients(conn.c(), organisation).await?)
}

pub async fn list_clients(
    ctx: &Ctx,
    conn: &mut Conn,
    search: String,
    municipality_id: Option<MunicipalityId>,
    kind: Option<ClientKind>,
) -> Result<Vec<ClientLine>, AppError> {
    let organisation = ctx.caller.staff()?;
    if search.chars().count() > 100 {
        return Err(AppError::Invalid(Field::Form));
    }
    let search = search.trim().to_lowercase();
    let rows = store::list(conn.c(), organisation, &search, municipality_id, kind).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(ClientLine {
            cheque_balance: cheques::store::balance(conn.c(), r.id).await?,
            id: r.id,
            client_number: r.client_number,
            name: r.name,
            kind: r.kind,
            municipality: r.municipality,
        });
    }
    Ok(out)
}

/// A gebruiker of the caller's organisation (404 otherwise; 403 for non-staff).
/// The organisation's gebruiker `id`, for staff only (another organisation's is not found).
pub(crate) async fn managed(
    ctx: &Ctx,
    c: DbConn<'_>,
    id: ClientId,
) -> Result<(OrganisationId, store::FileRow), AppError> {
    let organisation = ctx.caller.staff()?;
    let row = store::file(c, id)
        .await?
        .filter(|r| r.organisation_id == organisation)
        .ok_or(AppError::NotFound)?;
    Ok((organisation, row))
}

pub async fn client_file(ctx: &Ctx, conn: &mut Conn, id: ClientId) -> Result<ClientFile, AppError> {
    let (_, r) = managed(ctx, conn.c(), id).await?;
    let logins = store::logins(conn.c(), id)
        .await?
        .into_iter()
        .map(|l| ClientLogin {
            account_id: l.account_id,
            name: l.display_name,
            email: l.email,
            active: l.active,
            waiting_for_activation: l.waiting,
        })
        .collect();
    Ok(ClientFile {
        id: r.id,
        form: ClientForm {
            kind: r.kind,
            client_number: r.client_number,
            name: r.name,
            street: r.street,
            postcode: r.postcode,
            city: r.city,
            phone: r.phone.unwrap_or_default(),
            municipality_id: r.municipality_id,
            agreement_date: r.agreement_date,
        },
        municipality: r.municipality,
        cheque_balance: cheques::store::balance(conn.c(), id).await?,
        fees_paid: store::fees(conn.c(), id).await?,
        logins,
        views: crate::file_views::store::of(
            conn.c(),
            crate::file_views::Whose::Client(id),
            crate::file_views::service::SHOWN,
        )
        .await?,
    })
}

/// The form's fields trimmed and checked.
struct Checked {
    name: String,
    street: String,
    postcode: String,
    city: String,
    phone: Option<String>,
}

async fn check_form(
    c: DbConn<'_>,
    organisation: OrganisationId,
    form: &ClientForm,
) -> Result<Checked, AppError> {
    let text = |s: &str, field: Field| {
        let s = s.trim();
        (!s.is_empty() && s.chars().count() <= 200)
            .then(|| s.to_string())
            .ok_or(AppError::Invalid(field))
    };
    let address = crate::rules::Address {
        street: form.street.clone(),
        postcode: form.postcode.clone(),
        city: form.city.clone(),
    }
    .checked()?;
    let phone = form.phone.trim();
    if !crate::rules::phone_is_valid(phone) {
        return Err(AppError::Invalid(Field::Phone));
    }
    if !organisations::has_municipality(c, organisation, form.municipality_id).await? {
        return Err(AppError::Invalid(Field::Municipality));
    }
    Ok(Checked {
        name: text(&form.name, Field::Name)?,
        street: address.street,
        postcode: address.postcode,
        city: address.city,
        phone: (!phone.is_empty()).then(|| phone.to_string()),
    })
}

pub async fn create_client(ctx: &Ctx, tx: &mut Tx, form: ClientForm) -> Result<ClientId, AppError> {
    let organisation = ctx.caller.staff()?;
    let checked = check_form(tx.c(), organisation, &form).await?;
    let number = match form.client_number.trim() {
        "" => store::next_number(tx.c(), organisation).await?,
        n if n.chars().count() <= 30 => n.to_string(),
        _ => return Err(AppError::Invalid(Field::ClientNumber)),
    };
    let inserted = store::insert(
        tx,
        store::NewClient {
            organisation_id: organisation,
            account_id: None,
            municipality_id: form.municipality_id,
            kind: form.kind,
            client_number: &number,
            name: &checked.name,
            street: &checked.street,
            postcode: &checked.postcode,
            city: &checked.city,
            phone: checked.phone.as_deref(),
            agreement_date: form.agreement_date,
        },
        ctx.now,
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::Invalid(Field::ClientNumber));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::ClientCreated,
            subject: "client",
            subject_id: Some(id.0),
            detail: format!("{number} {}", checked.name),
        },
        ctx.now,
    )
    .await?;
    Ok(id)
}

pub async fn update_client(
    ctx: &Ctx,
    tx: &mut Tx,
    id: ClientId,
    form: ClientForm,
) -> Result<(), AppError> {
    let (organisation, before) = managed(ctx, tx.c(), id).await?;
    let checked = check_form(tx.c(), organisation, &form).await?;
    store::update(
        tx.c(),
        id,
        store::Change {
            kind: form.kind,
            name: &checked.name,
            street: &checked.street,
            postcode: &checked.postcode,
            city: &checked.city,
            phone: checked.phone.as_deref(),
            municipality_id: form.municipality_id,
            agreement_date: form.agreement_date,
        },
    )
    .await?;
    let detail = format!(
        "before: {} ({}), {}, {} {}, {:?}, municipality {}, agreement {:?}; after: {} ({}), {}, \
         {} {}, {:?}, municipality {}, agreement {:?}",
        before.name,
        before.kind.as_str(),
        before.street,
        before.postcode,
        before.city,
        before.phone,
        before.municipality_id,
        before.agreement_date,
        checked.name,
        form.kind.as_str(),
        checked.street,
        checked.postcode,
        checked.city,
        checked.phone,
        form.municipality_id,
        form.agreement_date,
    );
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::ClientChanged,
            subject: "client",
            subject_id: Some(id.0),
            detail,
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

pub async fn record_fee(
    ctx: &Ctx,
    tx: &mut Tx,
    id: ClientId,
    year: i32,
    paid_on: chrono::NaiveDate,
) -> Result<(), AppError> {
    use chrono::Datelike;
    let (organisation, _) = managed(ctx, tx.c(), id).await?;
    let today = crate::clock::local_date(ctx.now);
    if !(2018..=today.year() + 1).contains(&year) || paid_on > today {
        return Err(AppError::Invalid(Field::FeeYear));
    }
    if !store::record_fee(tx.c(), id, year, paid_on, ctx.caller.account).await? {
        return Err(AppError::FeeAlreadyRecorded);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::FeeRecorded,
            subject: "client",
            subject_id: Some(id.0),
            detail: format!("{year} paid on {paid_on}"),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

pub async fn add_client_login(
    ctx: &Ctx,
    tx: &mut Tx,
    id: ClientId,
    email: String,
    name: String,
) -> Result<ActivationCode, AppError> {
    let (organisation, _) = managed(ctx, tx.c(), id).await?;
    let email = crate::auth::service::normalised_email(&email)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::Invalid(Field::Name));
    }
    let account = crate::auth::service::create_account(
        tx.c(),
        crate::auth::store::NewAccount {
            organisation_id: organisation,
            email: &email,
            // Not a hash: no password matches it until the code is used.
            password_hash: "!",
            role: Role::Client,
            display_name: name,
        },
        ctx.now,
    )
    .await?;
    store::add_login(tx.c(), id, account).await?;
    let code = crate::auth::service::issue_code(tx.c(), account, Some(ctx.caller.account), ctx.now)
        .await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::AccountCreated,
            subject: "account",
            subject_id: Some(account.0),
            detail: format!("login for client {id}"),
        },
        ctx.now,
    )
    .await?;
    Ok(code)
}

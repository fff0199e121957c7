//! The issuer's use cases: a statement imported (all of it or nothing), paper cheques recorded
//! for a prestatie, a month's hand-in list closed, the issuer's payment entered, and the
//! bemiddelaar's Cheques page with the reconciliation.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::{self, LineProblem, Mapping};
use super::{ChequesDesk, HandIn, ImportOutcome, Reconciliation, UploadView, store};
use crate::allowances::rules::Month;
use crate::audit::{self, Action, Event};
use crate::cheques::store::NewBatch;
use crate::clock;
use crate::db::{Conn, Connection, Tx};
use crate::error::{AppError, Field};
use crate::ids::{EntryId, OrganisationId};
use crate::request::Ctx;
use crate::time_entries::EntryStatus;

/// The rows of a statement's file: the header first.
pub type Rows = Vec<Vec<String>>;

/// Keep an uploaded statement (its rows, read from CSV or XLSX by `statement::read`) for the
/// bemiddelaar to choose its columns. Answers its id.
pub async fn upload(
    ctx: &Ctx,
    tx: &mut Tx,
    file_name: &str,
    bytes: &[u8],
    rows: Rows,
) -> Result<i64, AppError> {
    let organisation = ctx.caller.staff()?;
    if rows.len() < 2 {
        return Err(AppError::Invalid(Field::Statement));
    }
    let hash = hash(bytes);
    let json = serde_json::to_string(&rows).map_err(|e| AppError::unavailable("rows", e))?;
    let name: String = file_name.chars().take(200).collect();
    let by = ctx.caller.account;
    Ok(store::insert_upload(tx.c(), organisation, (&name, &hash, &json), by, ctx.now).await?)
}

/// A file's identity: the same bytes are the same statement.
fn hash(bytes: &[u8]) -> String {
    use blake2::{Blake2s256, Digest};
    let digest = Blake2s256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

async fn rows_of(
    c: &mut impl Connection,
    organisation: OrganisationId,
    id: i64,
) -> Result<(String, String, Rows), AppError> {
    let (name, hash, json) = store::upload(c.c(), organisation, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows: Rows = serde_json::from_str(&json).map_err(|e| AppError::unavailable("rows", e))?;
    Ok((name, hash, rows))
}

pub async fn upload_view(ctx: &Ctx, conn: &mut Conn, id: i64) -> Result<UploadView, AppError> {
    let organisation = ctx.caller.staff()?;
    let (file_name, hash, rows) = rows_of(conn, organisation, id).await?;
    let header = rows.first().cloned().unwrap_or_default();
    Ok(UploadView {
        id,
        file_name,
        mapping: rules::guess(&header),
        sample: rows.iter().skip(1).take(5).cloned().collect(),
        lines: rows.len().saturating_sub(1),
        header,
        imported_at: store::imported_at(conn.c(), organisation, &hash).await?,
    })
}

/// Import an uploaded statement with the columns chosen: every line is checked first (the
/// date, a gebruikersnummer of the organisation, 1 to 10 000 cheques, one of the four prices, a
/// validity after the purchase), and any wrong line refuses the whole file, named by its
/// number. The same file twice adds nothing; a line whose issuer's reference was imported
/// before (in another file) is left out. Each other line becomes a batch; what waited for
/// cheques is paid from them.
pub async fn import(
    ctx: &Ctx,
    tx: &mut Tx,
    id: i64,
    mapping: Mapping,
) -> Result<ImportOutcome, AppError> {
    let organisation = ctx.caller.staff()?;
    let (file_name, hash, rows) = rows_of(tx, organisation, id).await?;
    if let Some(imported_at) = store::imported_at(tx.c(), organisation, &hash).await? {
        return Ok(ImportOutcome::AlreadyImported { imported_at });
    }
    let today = clock::local_date(ctx.now);
    let clients: HashMap<String, crate::ids::ClientId> =
        store::clients_by_number(tx.c(), organisation)
            .await?
            .into_iter()
            .map(|(number, id, _)| (number, id))
            .collect();
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    let mut references = HashSet::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        // Lines as a spreadsheet numbers them: the header is line 1.
        let n = i + 1;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match rules::check_line(n, row, &mapping, today) {
            Err(problem) => problems.push((n, problem)),
            Ok(line) if !clients.contains_key(&line.client_number) => {
                problems.push((n, LineProblem::UnknownClient(line.client_number)));
            }
            Ok(line) => {
                if let Some(r) = &line.reference
                    && !references.insert(r.clone())
                {
                    problems.push((n, LineProblem::Reference));
                    continue;
                }
                lines.push(line);
            }
        }
    }
    if !problems.is_empty() {
        return Ok(ImportOutcome::Refused { problems });
    }
    if lines.is_empty() {
        return Err(AppError::Invalid(Field::Statement));
    }
    let mut new = Vec::new();
    let mut known = 0;
    for line in lines {
        match &line.reference {
            Some(r) if store::reference_known(tx.c(), organisation, r).await? => known += 1,
            _ => new.push(line),
        }
    }
    let cheques: i64 = new.iter().map(|l| l.cheques).sum();
    let counts = (new.len() as i64, cheques);
    let by = ctx.caller.account;
    let import = store::insert_import(
        tx.c(),
        organisation,
        (&file_name, &hash),
        counts,
        by,
        ctx.now,
    )
    .await?;
    let mut touched = Vec::new();
    for line in &new {
        let client = clients[&line.client_number];
        if !touched.contains(&client) {
            crate::clients::store::lock(tx.c(), client).await?;
            touched.push(client);
        }
        let batch = NewBatch {
            organisation_id: organisation,
            client_id: client,
            bought_on: line.bought_on,
            cheques: line.cheques,
            price_cents: line.price_cents,
            valid_until: line
                .valid_until
                .unwrap_or_else(|| crate::cheques::rules::valid_until_for(line.bought_on)),
            created_by: Some(by),
            import_id: Some(import),
            reference: line.reference.clone(),
        };
        crate::cheques::service::add_batch(tx, &batch, ctx.now).await?;
    }
    let mut settled = 0;
    for client in touched {
        settled +=
            crate::cheques::service::settle_owed(tx, organisation, client, Some(by), ctx.now)
                .await?;
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(by),
            action: Action::StatementImported,
            subject: "statement_import",
            subject_id: Some(import),
            detail: format!(
                "{file_name}: {} batches, {cheques} cheques; {known} lines known before",
                counts.0
            ),
        },
        ctx.now,
    )
    .await?;
    Ok(ImportOutcome::Imported {
        batches: counts.0,
        cheques,
        known,
        settled,
    })
}

/// The paper cheques handed in for a prestatie that waits for cheques: exactly as many
/// numbers as it waits for, each accepted once in the whole installation, ever. Its worker (on
/// the phone) or a bemiddelaar of its organisation records them; the prestatie is then paid,
/// and the cheques go on this month's hand-in list at the price of the gebruiker's
/// municipality on the day of the work.
pub async fn record_paper(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    numbers: Vec<String>,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let entry = crate::time_entries::store::in_organisation(tx.c(), entry_id, organisation)
        .await?
        .ok_or(AppError::NotFound)?;
    record_paper_for(ctx, tx, entry, numbers).await
}

/// [`record_paper`] by the worker, for an own prestatie.
pub async fn record_my_paper(
    ctx: &Ctx,
    tx: &mut Tx,
    entry_id: EntryId,
    numbers: Vec<String>,
) -> Result<(), AppError> {
    let worker = ctx.caller.worker()?;
    let entry = crate::time_entries::store::for_worker(tx.c(), entry_id, worker)
        .await?
        .ok_or(AppError::NotFound)?;
    record_paper_for(ctx, tx, entry, numbers).await
}

async fn record_paper_for(
    ctx: &Ctx,
    tx: &mut Tx,
    entry: crate::time_entries::store::Entry,
    numbers: Vec<String>,
) -> Result<(), AppError> {
    // The gebruiker's lock: the one every payment takes.
    crate::clients::store::lock(tx.c(), entry.client_id).await?;
    let owed = crate::time_entries::store::cheques_owed(tx.c(), entry.id).await?;
    let waits = matches!(
        entry.status,
        EntryStatus::Confirmed | EntryStatus::Corrected
    );
    if !waits || owed == 0 {
        return Err(AppError::AlreadyDecided);
    }
    let mut checked = Vec::new();
    for n in &numbers {
        let n = rules::cheque_number(n).ok_or(AppError::Invalid(Field::ChequeNumber))?;
        if checked.contains(&n) {
            return Err(AppError::ChequeNumberUsed { number: n });
        }
        checked.push(n);
    }
    if checked.len() as i64 != owed {
        return Err(AppError::Invalid(Field::ChequeCount));
    }
    if let Some(number) = store::known_numbers(tx.c(), &checked)
        .await?
        .into_iter()
        .next()
    {
        return Err(AppError::ChequeNumberUsed { number });
    }
    let client = crate::clients::store::by_id(tx.c(), entry.client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let price_cents = crate::organisations::cheque_price_on(
        tx.c(),
        entry.organisation_id,
        Some(client.municipality_id),
        entry.work_date,
    )
    .await?;
    let month = Month::of(clock::local_date(ctx.now))
        .first_day()
        .ok_or(AppError::Invalid(Field::Month))?;
    for number in &checked {
        let paper = store::NewPaper {
            number,
            organisation: entry.organisation_id,
            entry: entry.id,
            price_cents,
            month,
            by: ctx.caller.account,
        };
        match store::insert_paper(tx.c(), &paper, ctx.now).await {
            Ok(()) => {}
            // Two requests at once with the same number: the unique key decides.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(AppError::ChequeNumberUsed {
                    number: number.clone(),
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !crate::time_entries::store::settle_owed(tx.c(), entry.id).await? {
        return Err(AppError::AlreadyDecided);
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(entry.organisation_id),
            account_id: Some(ctx.caller.account),
            action: Action::PaperChequesRecorded,
            subject: "time_entry",
            subject_id: Some(entry.id.0),
            detail: format!("{} paper cheques: {}", checked.len(), checked.join(", ")),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// A month's hand-in list.
pub async fn hand_in(
    c: &mut impl Connection,
    organisation: OrganisationId,
    month: NaiveDate,
    today: NaiveDate,
) -> Result<HandIn, AppError> {
    let lines = store::paper_of_month(c.c(), organisation, month).await?;
    let closed_at = store::hand_in_closed(c.c(), organisation, month).await?;
    let over = Month::of(month)
        .next()
        .first_day()
        .is_some_and(|next| next <= today);
    Ok(HandIn {
        organisation: crate::organisations::name(c.c(), organisation).await?,
        month,
        cheques: lines.len() as i64,
        amount_cents: lines.iter().map(|l| l.price_cents).sum(),
        closable: closed_at.is_none() && over,
        closed_at,
        lines,
    })
}

fn month_of(text: &str) -> Result<NaiveDate, AppError> {
    Month::parse(text)
        .and_then(Month::first_day)
        .ok_or(AppError::Invalid(Field::Month))
}

/// The month's hand-in list was sent: closed with its count and amount. Only once the month is
/// over, and only once.
pub async fn close_hand_in(ctx: &Ctx, tx: &mut Tx, month: String) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let month = month_of(&month)?;
    let today = clock::local_date(ctx.now);
    let list = hand_in(tx, organisation, month, today).await?;
    if list.closed_at.is_some() {
        return Err(AppError::AlreadyDecided);
    }
    if !list.closable {
        return Err(AppError::Invalid(Field::Month));
    }
    let totals = (list.cheques, list.amount_cents);
    let by = ctx.caller.account;
    match store::close_hand_in(tx.c(), organisation, month, totals, by, ctx.now).await {
        Ok(()) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::AlreadyDecided);
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(by),
            action: Action::HandInClosed,
            subject: "organisation",
            subject_id: Some(organisation.0),
            detail: format!("{month}: {} paper cheques, {} cents", totals.0, totals.1),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// What the issuer paid for a month's cheques (from its notice): an amount typed as people
/// write it, paid on a day not in the future, with its reference.
pub async fn record_issuer_payment(
    ctx: &Ctx,
    tx: &mut Tx,
    month: String,
    amount: String,
    paid_on: NaiveDate,
    reference: String,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let month = month_of(&month)?;
    let amount = crate::organisations::rules::parse_euros(&amount)
        .filter(|a| *a > 0)
        .ok_or(AppError::Invalid(Field::Amount))?;
    let today = clock::local_date(ctx.now);
    if paid_on > today || paid_on < month {
        return Err(AppError::Invalid(Field::PaidOn));
    }
    let reference = reference.trim();
    if reference.chars().count() > 100 {
        return Err(AppError::Invalid(Field::Form));
    }
    let payment = (month, amount, paid_on, reference);
    let by = ctx.caller.account;
    store::insert_issuer_payment(tx.c(), organisation, payment, by, ctx.now).await?;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(by),
            action: Action::IssuerPaymentRecorded,
            subject: "organisation",
            subject_id: Some(organisation.0),
            detail: format!("{month}: {amount} cents paid on {paid_on} ({reference})"),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// The reconciliation of a month: the electronic cheques used in it (by the day of payment)
/// and the paper cheques on its hand-in list, beside what the issuer paid for it.
pub async fn reconciliation(
    c: &mut impl Connection,
    organisation: OrganisationId,
    month: NaiveDate,
) -> Result<Reconciliation, AppError> {
    let next = Month::of(month)
        .next()
        .first_day()
        .ok_or(AppError::Invalid(Field::Month))?;
    let span: (DateTime<Utc>, DateTime<Utc>) = (
        clock::instant(month, chrono::NaiveTime::MIN),
        clock::instant(next, chrono::NaiveTime::MIN),
    );
    let (electronic_cheques, electronic_cents) =
        store::electronic_used(c.c(), organisation, span).await?;
    let (paper_cheques, paper_cents) = store::paper_total(c.c(), organisation, month).await?;
    let paid_cents = store::paid_for(c.c(), organisation, month).await?;
    let should_cents = electronic_cents + paper_cents;
    Ok(Reconciliation {
        month,
        electronic_cheques,
        electronic_cents,
        paper_cheques,
        paper_cents,
        should_cents,
        paid_cents,
        difference_cents: paid_cents - should_cents,
    })
}

/// The bemiddelaar's Cheques page.
pub async fn desk(ctx: &Ctx, conn: &mut Conn) -> Result<ChequesDesk, AppError> {
    let organisation = ctx.caller.staff()?;
    let today = clock::local_date(ctx.now);
    let this = Month::of(today);
    let mut hand_ins = Vec::new();
    for m in [this, this.previous()] {
        let first = m.first_day().ok_or(AppError::Invalid(Field::Month))?;
        hand_ins.push(hand_in(conn, organisation, first, today).await?);
    }
    let mut months = Vec::new();
    let mut m = this;
    for _ in 0..6 {
        months.push(m);
        m = m.previous();
    }
    let mut recon = Vec::new();
    for m in months {
        let first = m.first_day().ok_or(AppError::Invalid(Field::Month))?;
        recon.push(reconciliation(conn, organisation, first).await?);
    }
    Ok(ChequesDesk {
        waiting: store::waiting(conn.c(), organisation).await?,
        hand_ins,
        reconciliation: recon,
        imports: store::imports(conn.c(), organisation).await?,
        extensions: crate::cheques::store::extension_list(conn.c(), organisation).await?,
        today,
    })
}

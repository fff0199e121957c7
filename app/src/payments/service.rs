//! The payment run's use cases: a month's run reckoned (open) or read (closed), its closing,
//! and the worker's own payments.

use chrono::NaiveDate;

use super::rules::{self, EntryPay, LineSums, Movement};
use super::sepa::{CreditTransfer, Transfer};
use super::{CloseBlock, Closed, LineStatus, MyPayment, PaymentRun, RunLine, store};
use crate::allowances::rules::{Month, Rates};
use crate::audit::{self, Action, Event};
use crate::clock;
use crate::db::{Conn, Connection, DbConn, Tx};
use crate::error::{AppError, Field};
use crate::i18n::{Lang, M, message, month_name};
use crate::ids::{OrganisationId, WorkerId};
use crate::request::Ctx;

/// "2026-11" within 2018 … this month; none: the month before this one.
fn month_asked(ctx: &Ctx, month: Option<&str>) -> Result<(Month, Month), AppError> {
    let this_month = Month::of(clock::local_date(ctx.now));
    let month = match month.map(str::trim).filter(|m| !m.is_empty()) {
        None => this_month.previous(),
        Some(text) => Month::parse(text)
            .filter(|m| m.allowed(this_month))
            .ok_or(AppError::Invalid(Field::Month))?,
    };
    Ok((month, this_month))
}

fn first_day(month: Month) -> Result<NaiveDate, AppError> {
    month.first_day().ok_or(AppError::Invalid(Field::Month))
}

/// What the run of `month` would do now: the movements, before any worker is left out.
async fn movements(
    c: &mut impl Connection,
    organisation: OrganisationId,
    month: Month,
) -> Result<Vec<Movement>, AppError> {
    let until = first_day(month.next())?;
    // Prestaties before the organisation's first run were paid outside the app (its exports):
    // the first run pays its own month, later ones what came since.
    let (first, _) = store::first_and_last(c.c(), organisation).await?;
    let from = first.unwrap_or(first_day(month)?);
    let counting = store::unpaid(c.c(), organisation, (from, until)).await?;
    let history = crate::allowances::service::rates_history(c, organisation).await?;
    let counting: Vec<EntryPay> = counting
        .into_iter()
        .map(|e| {
            let rates = in_force(&history, e.work_date);
            EntryPay::of(
                (e.id, e.revision, e.worker_id),
                e.work_date,
                (e.minutes, e.km),
                &rates,
            )
        })
        .collect();
    let changed = store::changed_since_paid(c.c(), organisation).await?;
    Ok(rules::movements(&counting, &changed))
}

fn in_force(history: &[Rates], day: NaiveDate) -> Rates {
    crate::allowances::rules::in_force_on(history, day)
}

/// A worker's movements of a run of the month starting `first`, summed: the month's own
/// prestaties, the corrections (of earlier months, or taken back), and all of them.
fn split(mine: &[Movement], first: NaiveDate) -> (LineSums, LineSums, LineSums) {
    let (this, earlier): (Vec<Movement>, Vec<Movement>) = mine
        .iter()
        .cloned()
        .partition(|m| m.sign > 0 && m.pay.work_date >= first);
    let sum = |ms: &[Movement]| {
        rules::lines(ms)
            .into_iter()
            .next()
            .map(|(_, l)| l)
            .unwrap_or_default()
    };
    (sum(&this), sum(&earlier), sum(mine))
}

/// A reckoned run: its lines, by name, with what happens to each.
struct Reckoned {
    lines: Vec<RunLine>,
    /// The movements of the lines that are transferred, by worker.
    paid: Vec<(WorkerId, String, LineSums, Vec<Movement>)>,
}

async fn reckon(
    c: &mut impl Connection,
    organisation: OrganisationId,
    month: Month,
) -> Result<Reckoned, AppError> {
    let first = first_day(month)?;
    let moves = movements(c, organisation, month).await?;
    let payees = store::payees(c.c(), organisation).await?;
    let mut lines = Vec::new();
    let mut paid = Vec::new();
    for p in payees {
        let mine: Vec<Movement> = moves
            .iter()
            .filter(|m| m.pay.worker == p.id)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        let (this, earlier, total) = split(&mine, first);
        let iban = p.iban.as_deref().and_then(rules::belgian_iban);
        let status = match (&iban, total.total_cents > 0) {
            (_, false) => LineStatus::NothingToPay,
            (None, true) => LineStatus::NoIban,
            (Some(_), true) => LineStatus::Transfer,
        };
        if let (LineStatus::Transfer, Some(iban)) = (status, &iban) {
            paid.push((p.id, iban.clone(), total.clone(), mine.clone()));
        }
        lines.push(RunLine {
            worker_id: p.id,
            first_name: p.first_name,
            last_name: p.last_name,
            iban_masked: iban.as_deref().map(rules::masked),
            month: this,
            corrections: earlier,
            total,
            status,
        });
    }
    Ok(Reckoned { lines, paid })
}

/// The run of `month`: as it was closed, or as it would close now.
pub async fn run(
    ctx: &Ctx,
    conn: &mut Conn,
    month: Option<String>,
) -> Result<PaymentRun, AppError> {
    let organisation = ctx.caller.staff()?;
    let (month, this_month) = month_asked(ctx, month.as_deref())?;
    let name = crate::organisations::name(conn.c(), organisation).await?;
    if let Some(row) = store::closed(conn.c(), organisation, first_day(month)?).await? {
        return closed_run(conn, (name, month, this_month), row).await;
    }
    let reckoned = reckon(conn, organisation, month).await?;
    let transfer = |l: &&RunLine| l.status == LineStatus::Transfer;
    let transfers = reckoned.lines.iter().filter(transfer).count() as i64;
    let transfer_cents = reckoned
        .lines
        .iter()
        .filter(transfer)
        .map(|l| l.total.total_cents)
        .sum();
    let mut blocked = close_block(ctx, conn.c(), organisation, month, transfers).await?;
    if blocked.is_none()
        && crate::organisations::store::bank_account(conn.c(), organisation)
            .await?
            .is_none()
    {
        blocked = Some(CloseBlock::NoOrganisationAccount);
    }
    Ok(PaymentRun {
        organisation: name,
        month,
        this_month,
        closed: None,
        lines: reckoned.lines,
        transfers,
        transfer_cents,
        blocked,
    })
}

async fn closed_run(
    conn: &mut Conn,
    (organisation, month, this_month): (String, Month, Month),
    row: store::RunRow,
) -> Result<PaymentRun, AppError> {
    let first = first_day(month)?;
    let entries = store::closed_entries(conn.c(), row.id).await?;
    let mut lines = Vec::new();
    for l in store::closed_lines(conn.c(), row.id).await? {
        let mine: Vec<Movement> = entries
            .iter()
            .filter(|(p, _)| p.worker == l.worker_id)
            .map(|(p, sign)| Movement {
                pay: p.clone(),
                sign: *sign,
            })
            .collect();
        let (this, earlier, total) = split(&mine, first);
        lines.push(RunLine {
            worker_id: l.worker_id,
            first_name: l.first_name,
            last_name: l.last_name,
            iban_masked: Some(rules::masked(&l.iban)),
            month: this,
            corrections: earlier,
            total,
            status: LineStatus::Transfer,
        });
    }
    Ok(PaymentRun {
        organisation,
        month,
        this_month,
        closed: Some(Closed {
            closed_at: row.closed_at,
            closed_by: row.closed_by,
            transfers: row.transfers,
            total_cents: row.total_cents,
        }),
        lines,
        transfers: row.transfers,
        transfer_cents: row.total_cents,
        blocked: None,
    })
}

/// Why the run of `month` cannot close now, if anything.
async fn close_block(
    ctx: &Ctx,
    c: DbConn<'_>,
    organisation: OrganisationId,
    month: Month,
    transfers: i64,
) -> Result<Option<CloseBlock>, AppError> {
    let today = clock::local_date(ctx.now);
    if first_day(month.next())? > today {
        return Ok(Some(CloseBlock::MonthNotOver));
    }
    let (_, last) = store::first_and_last(c, organisation).await?;
    if last.is_some_and(|last| last > first_day(month).unwrap_or(last)) {
        return Ok(Some(CloseBlock::LaterRunClosed));
    }
    if transfers == 0 {
        return Ok(Some(CloseBlock::NothingToPay));
    }
    Ok(None)
}

/// Close the run of `month`: what it pays is recorded per prestatie and per worker, with the
/// bank file, and never changes again. Refused when it cannot close (see [`CloseBlock`]), when
/// the organisation's account is not set, or when the total is not the one the bemiddelaar saw.
pub async fn close(
    ctx: &Ctx,
    tx: &mut Tx,
    month: String,
    total_cents: i64,
) -> Result<(), AppError> {
    let organisation = ctx.caller.staff()?;
    let (month, _) = month_asked(ctx, Some(&month))?;
    // One closing at a time per organisation, and none twice.
    store::lock(tx.c(), organisation).await?;
    let first = first_day(month)?;
    if store::closed(tx.c(), organisation, first).await?.is_some() {
        return Err(AppError::AlreadyDecided);
    }
    let account = crate::organisations::store::bank_account(tx.c(), organisation).await?;
    let reckoned = reckon(tx, organisation, month).await?;
    let transfers = reckoned.paid.len() as i64;
    match close_block(ctx, tx.c(), organisation, month, transfers).await? {
        Some(CloseBlock::MonthNotOver) => return Err(AppError::Invalid(Field::Month)),
        Some(CloseBlock::LaterRunClosed) => return Err(AppError::AlreadyDecided),
        Some(CloseBlock::NothingToPay) => return Err(AppError::Invalid(Field::Month)),
        Some(CloseBlock::NoOrganisationAccount) | None => {}
    }
    let Some((debtor_iban, debtor_bic)) = account else {
        return Err(AppError::Invalid(Field::OrganisationIban));
    };
    let total: i64 = reckoned.paid.iter().map(|(_, _, l, _)| l.total_cents).sum();
    if total != total_cents {
        // Changed since the bemiddelaar looked (a prestatie confirmed or corrected meanwhile).
        return Err(AppError::AlreadyDecided);
    }
    let name = crate::organisations::name(tx.c(), organisation).await?;
    let message_id = format!(
        "WW{}-{}-{}",
        organisation.0,
        month,
        ctx.now.format("%Y%m%d%H%M%S")
    );
    let payees = store::payees(tx.c(), organisation).await?;
    let mut transfers_out = Vec::new();
    for (worker, iban, line, _) in &reckoned.paid {
        let payee = payees.iter().find(|p| p.id == *worker);
        let lang = crate::workers::store::language(tx.c(), *worker).await?;
        transfers_out.push(Transfer {
            end_to_end_id: format!("WW{}-{}-{}", organisation.0, month, worker.0),
            name: payee.map_or(String::new(), |p| {
                format!("{} {}", p.first_name, p.last_name)
            }),
            iban: iban.clone(),
            amount_cents: line.total_cents,
            remittance: remittance(lang, month),
        });
    }
    let file = CreditTransfer {
        message_id: message_id.clone(),
        created_at: ctx.now,
        execution_date: clock::local_date(ctx.now),
        debtor_name: name,
        debtor_iban,
        debtor_bic,
        transfers: transfers_out,
    };
    let xml = file.xml();
    let new = store::NewRun {
        organisation,
        month: first,
        total_cents: total,
        transfers,
        message_id: &message_id,
        sepa_xml: &xml,
        closed_by: ctx.caller.account,
    };
    let run = match store::insert_run(tx.c(), &new, ctx.now).await {
        Ok(id) => id,
        // One run per month (a unique key): closed meanwhile, the last line of defence.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::AlreadyDecided);
        }
        Err(e) => return Err(e.into()),
    };
    for (worker, iban, line, moves) in &reckoned.paid {
        store::insert_line(tx.c(), run, *worker, iban, line).await?;
        for m in moves {
            store::insert_entry(tx.c(), run, &m.pay, m.sign).await?;
        }
    }
    let waiting = reckoned.lines.len() as i64 - transfers;
    audit::record(
        tx.c(),
        Event {
            organisation_id: Some(organisation),
            account_id: Some(ctx.caller.account),
            action: Action::PaymentRunClosed,
            subject: "payment_run",
            subject_id: Some(run),
            detail: format!(
                "{month}: {transfers} transfers, {total} cents; {waiting} lines wait for the next run"
            ),
        },
        ctx.now,
    )
    .await?;
    Ok(())
}

/// "Vergoeding wijk-werk november 2026": what the worker's bank statement says.
pub fn remittance(lang: Lang, month: Month) -> String {
    let name = month_name(lang, month.year, month.month);
    message(lang, M::Remittance, &[("month", name.into())])
}

/// The worker's own closed runs, newest first.
pub async fn of_worker(c: DbConn<'_>, worker: WorkerId) -> Result<Vec<MyPayment>, AppError> {
    Ok(store::of_worker(c, worker).await?)
}

//! Cheques, for the bemiddelaar: the issuer's statement read in (a file, then its columns), the
//! prestaties waiting for cheques with their paper cheques' numbers, this month's and last
//! month's hand-in list (PDF, CSV, closed once sent), what the issuer paid beside what it
//! should (reconciliation), and the orders that extend the cheques' validity.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::workers::StaffNav;
use crate::cheques::ExtendValidity;
use crate::error::AppError;
use crate::i18n::{self, M, T, message, t, use_lang};
use crate::issuer::{
    ChequesDesk, CloseHandIn, HandIn, ImportOutcome, ImportStatement, LineProblem,
    RecordIssuerPayment, UploadView, get_cheques_desk, statement_upload,
};
use crate::ui::layout::{ActionError, LoadError, Loading, Page};
use crate::ui::paper_cheques::{PaperChequesForm, Recorder};

/// `/coordinator/cheques`.
#[component]
pub fn ChequesDeskPage() -> impl IntoView {
    let query = use_query_map();
    let upload_failed = query.read_untracked().get("error").is_some();
    view! {
        <Page>
            <StaffNav />
            <h1>{t(T::ToCheques)}</h1>
            <section class="card" aria-labelledby="statement-title">
                <h2 id="statement-title">{t(T::StatementTitle)}</h2>
                <p>{t(T::StatementIntro)}</p>
                {upload_failed
                    .then(|| {
                        view! {
                            <div class="alert" role="alert">
                                <p>{t(T::InvalidStatement)}</p>
                            </div>
                        }
                    })}
                <form
                    method="post"
                    action="/coordinator/cheques/statement"
                    enctype="multipart/form-data"
                    class="statement-form"
                >
                    <div class="field">
                        <label for="statement-file">{t(T::FieldStatementFile)}</label>
                        <input
                            id="statement-file"
                            name="statement"
                            type="file"
                            accept=".csv,.xlsx,text/csv"
                            required
                        />
                    </div>
                    <button type="submit" class="btn btn-primary">{t(T::ReadStatement)}</button>
                </form>
            </section>
            <StaffChequesDesk />
        </Page>
    }
}

#[island(lazy)]
fn StaffChequesDesk() -> impl IntoView {
    let close = ServerAction::<CloseHandIn>::new();
    let pay = ServerAction::<RecordIssuerPayment>::new();
    let extend = ServerAction::<ExtendValidity>::new();
    let paper = RwSignal::new(0usize);
    let desk = Resource::new(
        move || {
            (
                close.version().get(),
                pay.version().get(),
                extend.version().get(),
                paper.get(),
            )
        },
        |_| get_cheques_desk(),
    );
    let answers = move || [close.value().get(), pay.value().get(), extend.value().get()];
    let error = Signal::derive(move || answers().into_iter().flatten().find_map(|r| r.err()));
    let saved = move || answers().iter().any(|r| matches!(r, Some(Ok(())))) || paper.get() > 0;
    view! {
        <ActionError error />
        <Show when=saved>
            <p class="notice" role="status">{t(T::Saved)}</p>
        </Show>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match desk.await {
                    Ok(desk) => view! { <Desk desk close pay extend paper /> }.into_any(),
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Desk(
    desk: ChequesDesk,
    close: ServerAction<CloseHandIn>,
    pay: ServerAction<RecordIssuerPayment>,
    extend: ServerAction<ExtendValidity>,
    paper: RwSignal<usize>,
) -> impl IntoView {
    let lang = use_lang();
    let waiting_empty = desk.waiting.is_empty();
    let waiting = desk
        .waiting
        .into_iter()
        .map(|w| {
            let title = format!(
                "{} · {} · {}",
                i18n::short_date(lang, w.work_date),
                w.worker_name,
                w.client_name
            );
            let owes = message(lang, M::WaitsForCheques, &[("n", w.cheques_owed.into())]);
            let done = Callback::new(move |_| paper.update(|n| *n += 1));
            view! {
                <li class="card waiting-entry" data-entry=w.id.to_string()>
                    <h3>{title}</h3>
                    <p>{i18n::duration(lang, w.minutes)} " · " {owes}</p>
                    <details>
                        <summary class="btn btn-quiet">{t(T::EnterPaperCheques)}</summary>
                        <PaperChequesForm
                            entry=w.id
                            owed=w.cheques_owed
                            recorder=Recorder::Staff
                            done
                        />
                    </details>
                </li>
            }
        })
        .collect_view();
    let hand_ins = desk
        .hand_ins
        .into_iter()
        .map(|h| view! { <HandInCard h close /> })
        .collect_view();
    let months: Vec<_> = desk.reconciliation.iter().map(|r| r.month).collect();
    let rows = desk
        .reconciliation
        .into_iter()
        .map(|r| {
            let m = crate::allowances::rules::Month::of(r.month);
            let name = i18n::month_name(lang, m.year, m.month);
            let class = if r.difference_cents < 0 { "owed" } else { "" };
            view! {
                <tr class=class>
                    <th scope="row">{name}</th>
                    <td>{format!("{} · {}", r.electronic_cheques, i18n::money(lang, r.electronic_cents))}</td>
                    <td>{format!("{} · {}", r.paper_cheques, i18n::money(lang, r.paper_cents))}</td>
                    <td>{i18n::money(lang, r.should_cents)}</td>
                    <td>{i18n::money(lang, r.paid_cents)}</td>
                    <td data-cents=r.difference_cents.to_string()>{i18n::money(lang, r.difference_cents)}</td>
                </tr>
            }
        })
        .collect_view();
    let month_options = months
        .into_iter()
        .map(|first| {
            let m = crate::allowances::rules::Month::of(first);
            view! { <option value=m.to_string()>{i18n::month_name(lang, m.year, m.month)}</option> }
        })
        .collect_view();
    let extensions = desk
        .extensions
        .iter()
        .map(|e| {
            let line = message(
                lang,
                M::ExtensionLine,
                &[
                    ("day", i18n::written_date(lang, e.issued_up_to).into()),
                    ("months", e.valid_months.into()),
                    ("reason", e.reason.clone().into()),
                ],
            );
            view! { <li>{line}</li> }
        })
        .collect_view();
    let imports = desk
        .imports
        .iter()
        .map(|i| {
            let when = crate::brussels::local(i.imported_at);
            let line = message(
                lang,
                M::ImportLine,
                &[
                    ("file", i.file_name.clone().into()),
                    ("day", i18n::short_date(lang, when.date()).into()),
                    ("n", i.lines.into()),
                    ("cheques", i.cheques.into()),
                ],
            );
            view! { <li>{line}</li> }
        })
        .collect_view();
    let today = desk.today.to_string();
    let paid_on = today.clone();
    view! {
        <section class="card" aria-labelledby="imports-title">
            <h2 id="imports-title">{t(T::ImportsTitle)}</h2>
            <ul class="plain imports">{imports}</ul>
        </section>
        <section aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t(T::WaitingForChequesTitle)}</h2>
            {waiting_empty.then(|| view! { <p>{t(T::NobodyWaitsForCheques)}</p> })}
            <ul class="plain waiting-entries">{waiting}</ul>
        </section>
        {hand_ins}
        <section class="card" aria-labelledby="reconciliation-title">
            <h2 id="reconciliation-title">{t(T::ReconciliationTitle)}</h2>
            <p>{t(T::ReconciliationIntro)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="reconciliation-title">
                <table class="reconciliation">
                    <thead>
                        <tr>
                            <th scope="col">{t(T::ColMonth)}</th>
                            <th scope="col">{t(T::ColElectronic)}</th>
                            <th scope="col">{t(T::ColPaper)}</th>
                            <th scope="col">{t(T::ColShould)}</th>
                            <th scope="col">{t(T::ColPaid)}</th>
                            <th scope="col">{t(T::ColDifference)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <ActionForm action=pay attr:class="issuer-payment-form">
                <h3>{t(T::IssuerPaymentTitle)}</h3>
                <div class="field">
                    <label for="paid-month">{t(T::ColMonth)}</label>
                    <select id="paid-month" name="month">{month_options}</select>
                </div>
                <div class="field">
                    <label for="paid-amount">{t(T::FieldAmount)}</label>
                    <input id="paid-amount" name="amount" inputmode="decimal" required />
                </div>
                <div class="field">
                    <label for="paid-on">{t(T::FieldPaidOn)}</label>
                    <input id="paid-on" name="paid_on" type="date" required value=paid_on />
                </div>
                <div class="field">
                    <label for="paid-reference">{t(T::FieldReference)}</label>
                    <input id="paid-reference" name="reference" maxlength="100" />
                </div>
                <button type="submit" class="btn btn-primary">{t(T::SaveIssuerPayment)}</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="extension-title">
            <h2 id="extension-title">{t(T::ExtensionTitle)}</h2>
            <p>{t(T::ExtensionIntro)}</p>
            <ul class="plain extensions">{extensions}</ul>
            <ActionForm action=extend attr:class="extension-form">
                <div class="field">
                    <label for="issued-up-to">{t(T::FieldIssuedUpTo)}</label>
                    <input id="issued-up-to" name="issued_up_to" type="date" required value=today />
                </div>
                <div class="field">
                    <label for="valid-months">{t(T::FieldValidMonths)}</label>
                    <input
                        id="valid-months"
                        name="valid_months"
                        type="number"
                        min="13"
                        max="36"
                        inputmode="numeric"
                        required
                        value="15"
                    />
                </div>
                <div class="field">
                    <label for="extension-reason">{t(T::FieldExtensionReason)}</label>
                    <input id="extension-reason" name="reason" minlength="3" maxlength="500" required />
                </div>
                <button type="submit" class="btn btn-primary">{t(T::SaveExtension)}</button>
            </ActionForm>
        </section>
    }
}

/// A month's hand-in list: its count and amount, the files, and closing once it was sent.
#[component]
fn HandInCard(h: HandIn, close: ServerAction<CloseHandIn>) -> impl IntoView {
    let lang = use_lang();
    let m = crate::allowances::rules::Month::of(h.month);
    let title = message(
        lang,
        M::HandInTitle,
        &[("month", i18n::month_name(lang, m.year, m.month).into())],
    );
    let total = message(
        lang,
        M::HandInTotal,
        &[
            ("n", h.cheques.into()),
            ("total", i18n::money(lang, h.amount_cents).into()),
        ],
    );
    let state = h.closed_at.map(|at| {
        let when = crate::brussels::local(at);
        message(
            lang,
            M::HandInSentOn,
            &[("day", i18n::short_date(lang, when.date()).into())],
        )
    });
    let id = format!("hand-in-{m}");
    let labelled_by = id.clone();
    view! {
        <section class="card hand-in" aria-labelledby=labelled_by data-month=m.to_string()>
            <h2 id=id>{title}</h2>
            <p class="hand-in-total" data-cents=h.amount_cents.to_string()>{total}</p>
            {state.map(|s| view! { <p>{s}</p> })}
            <p class="downloads">
                <a class="btn" href=format!("/coordinator/cheques/hand-in/{m}.pdf") download>
                    {t(T::DownloadPdf)}
                </a>
                <a class="btn" href=format!("/coordinator/cheques/hand-in/{m}.csv") download>
                    {t(T::DownloadCsv)}
                </a>
            </p>
            {h
                .closable
                .then(|| {
                    view! {
                        <ActionForm action=close>
                            <input type="hidden" name="month" value=m.to_string() />
                            <button type="submit" class="btn btn-primary">{t(T::CloseHandIn)}</button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// `/coordinator/cheques/statement/:id`: the uploaded statement's columns chosen, then read in.
#[component]
pub fn StatementPage() -> impl IntoView {
    let id = crate::ui::path_id::<i64>();
    view! {
        <Page>
            <StaffNav />
            <h1>{t(T::StatementTitle)}</h1>
            <StaffStatement id />
        </Page>
    }
}

#[island(lazy)]
fn StaffStatement(id: Option<i64>) -> impl IntoView {
    let import = ServerAction::<ImportStatement>::new();
    let upload = Resource::new(
        move || id,
        |id| async move { statement_upload(id.ok_or(AppError::NotFound)?).await },
    );
    let error = Signal::derive(move || import.value().get().and_then(|r| r.err()));
    view! {
        <ActionError error />
        {move || import.value().get().and_then(|r| r.ok()).map(|outcome| view! { <Outcome outcome /> })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match upload.await {
                    Ok(view) => view! { <Mapping view import /> }.into_any(),
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Mapping(view: UploadView, import: ServerAction<ImportStatement>) -> impl IntoView {
    let lang = use_lang();
    let header = view.header.clone();
    let choice = move |name: &'static str, label: T, chosen: Option<usize>, optional: bool| {
        let id = format!("map-{name}");
        let options = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let text = if h.trim().is_empty() {
                    message(lang, M::ColumnN, &[("n", (i as i64 + 1).into())])
                } else {
                    h.clone()
                };
                view! { <option value=i.to_string() selected={Some(i) == chosen}>{text}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for=id.clone()>{t(label)}</label>
                <select id=id name=name>
                    {optional
                        .then(|| {
                            view! {
                                <option value="-1" selected={chosen.is_none()}>
                                    {t(T::NotInFile)}
                                </option>
                            }
                        })}
                    {options}
                </select>
            </div>
        }
    };
    let m = view.mapping;
    let summary = message(
        lang,
        M::StatementSummary,
        &[
            ("file", view.file_name.clone().into()),
            ("n", (view.lines as i64).into()),
        ],
    );
    let head = view
        .header
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    let sample = view
        .sample
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|c| view! { <td>{c.clone()}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let before = view.imported_at.map(|at| {
        let when = crate::brussels::local(at);
        message(
            lang,
            M::StatementImportedBefore,
            &[("day", i18n::short_date(lang, when.date()).into())],
        )
    });
    view! {
        <p>{summary}</p>
        {before.map(|b| view! { <p class="notice">{b}</p> })}
        <div class="table-scroll" tabindex="0" role="region" aria-label=view.file_name.clone()>
            <table class="statement-sample">
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{sample}</tbody>
            </table>
        </div>
        <ActionForm action=import attr:class="card mapping-form">
            <h2>{t(T::ChooseColumns)}</h2>
            <input type="hidden" name="upload_id" value=view.id.to_string() />
            {choice("date", T::ColPurchaseDate, Some(m.date), false)}
            {choice("client_number", T::ColClientNumber, Some(m.client_number), false)}
            {choice("cheques", T::ColCheques, Some(m.cheques), false)}
            {choice("price", T::ColPrice, Some(m.price), false)}
            {choice("valid_until", T::ColValidUntil, m.valid_until, true)}
            {choice("reference", T::ColReference, m.reference, true)}
            <button type="submit" class="btn btn-primary">{t(T::ImportStatement)}</button>
        </ActionForm>
    }
}

/// What the import did, in words; a refused file with its lines.
#[component]
fn Outcome(outcome: ImportOutcome) -> impl IntoView {
    let lang = use_lang();
    match outcome {
        ImportOutcome::Imported {
            batches,
            cheques,
            known,
            settled,
        } => {
            let text = message(
                lang,
                M::StatementImported,
                &[
                    ("batches", batches.into()),
                    ("cheques", cheques.into()),
                    ("known", known.into()),
                    ("settled", settled.into()),
                ],
            );
            view! {
                <div class="notice ok" role="status">
                    <p>{text}</p>
                    <p>
                        <a href="/coordinator/cheques" class="btn">{t(T::ToCheques)}</a>
                    </p>
                </div>
            }
            .into_any()
        }
        ImportOutcome::AlreadyImported { imported_at } => {
            let when = crate::brussels::local(imported_at);
            let text = message(
                lang,
                M::StatementImportedBefore,
                &[("day", i18n::short_date(lang, when.date()).into())],
            );
            view! { <div class="notice" role="status"><p>{text}</p></div> }.into_any()
        }
        ImportOutcome::Refused { problems } => {
            let items = problems
                .into_iter()
                .map(|(line, problem)| {
                    let what = match problem {
                        LineProblem::Date => t(T::ProblemDate).to_string(),
                        LineProblem::UnknownClient(n) => {
                            message(lang, M::ProblemUnknownClient, &[("number", n.into())])
                        }
                        LineProblem::Cheques => t(T::ProblemCheques).to_string(),
                        LineProblem::Price => t(T::InvalidChequePrice).to_string(),
                        LineProblem::ValidUntil => t(T::ProblemValidUntil).to_string(),
                        LineProblem::Reference => t(T::ProblemReference).to_string(),
                        LineProblem::Columns => t(T::ProblemColumns).to_string(),
                    };
                    let text = message(
                        lang,
                        M::ProblemOnLine,
                        &[("line", (line as i64).into()), ("problem", what.into())],
                    );
                    view! { <li>{text}</li> }
                })
                .collect_view();
            view! {
                <div class="alert" role="alert">
                    <p>{t(T::StatementRefused)}</p>
                    <ul class="statement-problems">{items}</ul>
                </div>
            }
            .into_any()
        }
    }
}

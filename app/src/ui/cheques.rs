//! A gebruiker's cheques as one view for the gebruiker (`/client/cheques`) and the bemiddelaar
//! (the gebruiker's page): the balance, each purchase with its year of validity and what is
//! left of it, and what changed the balance.

use leptos::prelude::*;

use super::icons::{Icon, Svg};
use super::layout::{LoadError, Loading, Page, TabBar};
use crate::cheques::{BatchLine, LedgerLine, LedgerReason, UndoPurchase, Wallet, my_cheques};
use crate::i18n::{self, M, T, message, short_date, t, use_lang};

/// `/client/cheques`: the gebruiker's own cheques.
#[component]
pub fn ClientChequesPage() -> impl IntoView {
    let wallet = Resource::new(|| (), |_| my_cheques());
    view! {
        <Page>
            <h1>{t(T::NavCheques)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match wallet.await {
                        Ok(wallet) => {
                            let years = wallet.attest_years.clone();
                            view! {
                                <WalletView wallet />
                                <YearOverview years />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <TabBar tabs=super::client::TABS />
        </Page>
    }
}

/// The balance, the purchases and the history. With `undo` (the bemiddelaar), a purchase none
/// of whose cheques were used can be undone.
#[component]
pub fn WalletView(
    wallet: Wallet,
    #[prop(optional)] undo: Option<ServerAction<UndoPurchase>>,
) -> impl IntoView {
    let lang = use_lang();
    let today = wallet.today;
    let client_id = wallet.client_id;
    let price = message(
        lang,
        M::ChequePrice,
        &[("price", i18n::money(lang, wallet.price_cents).into())],
    );
    let no_batches = wallet.batches.is_empty();
    let batches = wallet
        .batches
        .into_iter()
        .rev()
        .map(|b| view! { <BatchItem batch=b today client_id undo /> })
        .collect_view();
    let no_history = wallet.history.is_empty();
    let history = wallet
        .history
        .into_iter()
        .map(|l| view! { <HistoryItem line=l /> })
        .collect_view();
    view! {
        <section class="card cheques" aria-labelledby="wallet-balance">
            <h2 id="wallet-balance">
                <Svg icon=Icon::Ticket />
                <span>{t(T::ChequesTitle)}</span>
            </h2>
            <p class="balance" data-balance=wallet.balance.to_string()>
                {i18n::cheque_balance(lang, wallet.balance)}
            </p>
            <p>{price}</p>
        </section>
        <section aria-labelledby="wallet-batches">
            <h2 id="wallet-batches">{t(T::BatchesTitle)}</h2>
            {no_batches.then(|| view! { <p>{t(T::NoBatches)}</p> })}
            <ul class="plain batches">{batches}</ul>
        </section>
        <section aria-labelledby="wallet-history">
            <h2 id="wallet-history">{t(T::ChequeHistoryTitle)}</h2>
            {no_history.then(|| view! { <p>{t(T::NoChequeHistory)}</p> })}
            <ul class="entries ledger">{history}</ul>
        </section>
    }
}

/// Jaaroverzicht (private persons): the fiscal attest and the year's prestaties, per year.
#[component]
fn YearOverview(years: Vec<i32>) -> impl IntoView {
    let lang = use_lang();
    (!years.is_empty()).then(|| {
        let items = years
            .into_iter()
            .map(|year| {
                let y = i64::from(year);
                view! {
                    <li class="downloads">
                        <a class="btn btn-wide" href=format!("/client/attest/{year}.pdf") download>
                            <Svg icon=Icon::Ticket />
                            <span>{message(lang, M::AttestPdfLink, &[("year", y.into())])}</span>
                        </a>
                        <a class="btn btn-quiet btn-wide" href=format!("/client/attest/{year}.csv") download>
                            <Svg icon=Icon::List />
                            <span>{message(lang, M::AttestCsvLink, &[("year", y.into())])}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="year-overview">
                <h2 id="year-overview">{t(T::YearOverviewTitle)}</h2>
                <ul class="plain">{items}</ul>
            </section>
        }
    })
}

#[component]
fn BatchItem(
    batch: BatchLine,
    today: chrono::NaiveDate,
    client_id: crate::ids::ClientId,
    undo: Option<ServerAction<UndoPurchase>>,
) -> impl IntoView {
    let lang = use_lang();
    let bought = message(
        lang,
        M::BatchBought,
        &[
            ("day", short_date(lang, batch.bought_on).into()),
            ("n", batch.cheques.into()),
            ("price", i18n::money(lang, batch.price_cents).into()),
        ],
    );
    let (class, state) = if batch.reversed > 0 {
        ("badge corrected", t(T::BatchUndone).to_string())
    } else if batch.expired > 0 || (batch.valid_until < today && batch.remaining > 0) {
        let n = batch.expired.max(batch.remaining);
        (
            "badge disputed",
            message(lang, M::BatchExpired, &[("n", n.into())]),
        )
    } else if batch.remaining == 0 {
        ("badge confirmed", t(T::BatchUsedUp).to_string())
    } else {
        (
            "badge submitted",
            message(
                lang,
                M::BatchLeft,
                &[
                    ("n", batch.remaining.into()),
                    ("until", short_date(lang, batch.valid_until).into()),
                ],
            ),
        )
    };
    let undo = undo.filter(|_| batch.untouched()).map(|undo| {
        view! {
            <ActionForm action=undo>
                <input type="hidden" name="client_id" value=client_id.to_string() />
                <input type="hidden" name="batch_id" value=batch.id.to_string() />
                <button type="submit" class="btn btn-quiet">
                    <Svg icon=Icon::Cross />
                    <span>{t(T::UndoPurchase)}</span>
                </button>
            </ActionForm>
        }
    });
    view! {
        <li class="card batch" data-batch=batch.id.to_string()>
            <p>
                <strong>{bought}</strong>
            </p>
            <p>
                <span class=class>{state}</span>
            </p>
            {undo}
        </li>
    }
}

#[component]
fn HistoryItem(line: LedgerLine) -> impl IntoView {
    let lang = use_lang();
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| short_date(lang, d)).unwrap_or_default();
    let what = match line.reason {
        LedgerReason::Purchase => message(
            lang,
            M::LedgerPurchase,
            &[("day", day(line.bought_on).into())],
        ),
        LedgerReason::EntryPayment => message(
            lang,
            M::LedgerPayment,
            &[
                ("day", day(line.work_date).into()),
                (
                    "worker",
                    line.worker_name.clone().unwrap_or_default().into(),
                ),
            ],
        ),
        LedgerReason::Refund => message(
            lang,
            M::LedgerRefund,
            &[
                ("day", day(line.work_date).into()),
                (
                    "worker",
                    line.worker_name.clone().unwrap_or_default().into(),
                ),
            ],
        ),
        LedgerReason::Expired => message(
            lang,
            M::LedgerExpired,
            &[("day", day(line.bought_on).into())],
        ),
        LedgerReason::Reversal => message(
            lang,
            M::LedgerReversal,
            &[("day", day(line.bought_on).into())],
        ),
    };
    let on = short_date(lang, crate::brussels::local_date(line.created_at));
    let change = if line.change > 0 {
        format!("+{}", line.change)
    } else {
        line.change.to_string()
    };
    view! {
        <li class="entry">
            <span class="entry-date">{on}</span>
            <span class="entry-what">{what}</span>
            <span class="entry-minutes" data-change=line.change.to_string()>{change}</span>
        </li>
    }
}

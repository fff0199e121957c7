//! The bemiddelaar's gebruikers: the list (search, kind), a new gebruiker, and a gebruiker's
//! page: facts and cheque balance, the yearly fee, the logins (each with an activation code),
//! changes, a new request (which opens the request with its suggested workers), and the
//! cheques: a purchase recorded after payment, the purchases and their use.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::workers::{CodeCard, StaffNav};
use crate::activities::{Activity, activities};
use crate::cheques::{RecordPurchase, UndoPurchase, Wallet, client_cheques};
use crate::clients::{
    AddClientLogin, ClientForm, ClientKind, CreateClient, RecordFee, UpdateClient, get_client_file,
    list_clients,
};
use crate::error::AppError;
use crate::i18n::{M, T, message, short_date, t, use_lang};
use crate::ids::ClientId;
use crate::municipalities::{Municipality, municipalities};
use crate::requests::{CreateRequest, NewRequest, Work};
use crate::rules::Address;
use crate::ui::cheques::WalletView;
use crate::ui::layout::{ActionError, FileViews, LoadError, Loading, Page};
use crate::ui::work_form::WorkForm;
use crate::ui::{go_to, path_id};

/// The five kinds of gebruiker: the value a form sends and the words (also the Organisatie
/// screen's).
pub const KINDS: [(ClientKind, &str, T); 5] = [
    (
        ClientKind::PrivatePerson,
        "PrivatePerson",
        T::KindPrivatePerson,
    ),
    (
        ClientKind::LocalAuthority,
        "LocalAuthority",
        T::KindLocalAuthority,
    ),
    (ClientKind::NonProfit, "NonProfit", T::KindNonProfit),
    (ClientKind::School, "School", T::KindSchool),
    (ClientKind::Agriculture, "Agriculture", T::KindAgriculture),
];

pub fn kind_key(kind: ClientKind) -> T {
    KINDS
        .iter()
        .find(|(k, ..)| *k == kind)
        .map(|(.., key)| *key)
        .unwrap_or(T::KindPrivatePerson)
}

/// `/coordinator/clients`: a plain GET form, the filter in the address.
#[component]
pub fn ClientsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.get();
        let kind = q.get("kind").and_then(|k| {
            KINDS
                .iter()
                .find(|(_, v, _)| *v == k)
                .map(|(kind, ..)| *kind)
        });
        (q.get("search").unwrap_or_default(), kind)
    };
    let list = Resource::new(filter, |(search, kind)| list_clients(search, None, kind));
    view! {
        <Page>
            <StaffNav />
            <h1>{t(T::ClientsTitle)}</h1>
            <p>
                <a href="/coordinator/clients/new" class="btn btn-primary">{t(T::NewClient)}</a>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (search, kind) = filter();
                    match list.await {
                        Ok(list) => {
                            let lang = use_lang();
                            let items = if list.is_empty() {
                                view! { <p>{t(T::NoClientsFound)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="people">
                                        {list
                                            .into_iter()
                                            .map(|c| {
                                                let href = format!("/coordinator/clients/{}", c.id);
                                                let balance = message(
                                                    lang,
                                                    M::ChequesCount,
                                                    &[("n", c.cheque_balance.into())],
                                                );
                                                view! {
                                                    <li class="card person">
                                                        <a href=href class="person-link">
                                                            <strong>{c.name}</strong>
                                                        </a>
                                                        <span>{c.client_number}</span>
                                                        <span>{t(kind_key(c.kind))}</span>
                                                        <span>{c.municipality}</span>
                                                        <span>{balance}</span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            };
                            view! {
                                <form method="get" action="/coordinator/clients" class="card filter">
                                    <div class="field">
                                        <label for="search">{t(T::SearchLabel)}</label>
                                        <input id="search" name="search" type="search" value=search maxlength="100" />
                                    </div>
                                    <div class="field">
                                        <label for="kind">{t(T::FieldKind)}</label>
                                        <select id="kind" name="kind">
                                            <option value="">{t(T::AllKinds)}</option>
                                            {KINDS
                                                .iter()
                                                .map(|(k, value, key)| {
                                                    view! {
                                                        <option value=*value selected=Some(*k) == kind>
                                                            {t(*key)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" class="btn">{t(T::Search)}</button>
                                </form>
                                {items}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// The fields of a gebruiker, new or to change.
#[component]
fn ClientFields(places: Vec<Municipality>, form: Option<ClientForm>) -> impl IntoView {
    let new = form.is_none();
    let f = form.unwrap_or(ClientForm {
        kind: ClientKind::PrivatePerson,
        client_number: String::new(),
        name: String::new(),
        street: String::new(),
        postcode: String::new(),
        city: String::new(),
        phone: String::new(),
        municipality_id: crate::ids::MunicipalityId(0),
        agreement_date: None,
    });
    view! {
        <div class="field">
            <label for="client-kind">{t(T::FieldKind)}</label>
            <select id="client-kind" name="form[kind]">
                {KINDS
                    .iter()
                    .map(|(k, value, key)| {
                        view! {
                            <option value=*value selected=*k == f.kind>
                                {t(*key)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        {new
            .then(|| {
                view! {
                    <div class="field">
                        <label for="client-number">{t(T::FieldClientNumber)}</label>
                        <input id="client-number" name="form[client_number]" maxlength="30" autocomplete="off" />
                    </div>
                }
            })}
        <div class="field">
            <label for="client-name">{t(T::FieldName)}</label>
            <input id="client-name" name="form[name]" value=f.name required maxlength="200" autocomplete="off" />
        </div>
        <div class="field">
            <label for="client-street">{t(T::FieldStreet)}</label>
            <input id="client-street" name="form[street]" value=f.street required maxlength="200" autocomplete="off" />
        </div>
        <div class="field">
            <label for="client-postcode">{t(T::FieldPostcode)}</label>
            <input id="client-postcode" name="form[postcode]" value=f.postcode required inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off" />
        </div>
        <div class="field">
            <label for="client-city">{t(T::FieldCity)}</label>
            <input id="client-city" name="form[city]" value=f.city required maxlength="200" autocomplete="off" />
        </div>
        <div class="field">
            <label for="client-phone">{t(T::FieldPhone)}</label>
            <input id="client-phone" name="form[phone]" type="tel" value=f.phone maxlength="30" autocomplete="off" />
        </div>
        <div class="field">
            <label for="client-municipality">{t(T::FieldMunicipality)}</label>
            <select id="client-municipality" name="form[municipality_id]" required>
                {places
                    .into_iter()
                    .map(|m| {
                        let selected = m.id == f.municipality_id;
                        view! {
                            <option value=m.id.to_string() selected=selected>
                                {m.name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="client-agreement">{t(T::FieldAgreementDate)}</label>
            <input
                id="client-agreement"
                name="form[agreement_date]"
                type="date"
                value=f.agreement_date.map(|d| d.to_string()).unwrap_or_default()
            />
        </div>
    }
}

/// `/coordinator/clients/new`: the form; on success, the gebruiker's page.
#[component]
pub fn NewClientPage() -> impl IntoView {
    view! {
        <Page>
            <StaffNav />
            <h1>{t(T::NewClient)}</h1>
            <StaffNewClient />
        </Page>
    }
}

#[island(lazy)]
fn StaffNewClient() -> impl IntoView {
    let places = Resource::new(|| (), |_| municipalities());
    let create = ServerAction::<CreateClient>::new();
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            go_to(&format!("/coordinator/clients/{id}"));
        }
    });
    view! {
            <ActionError error />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match places.await {
                        Ok(places) => {
                            view! {
                                <ActionForm action=create attr:class="card">
                                    <ClientFields places form=None />
                                    <button type="submit" class="btn btn-primary btn-wide">
                                        {t(T::CreateClient)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
    }
}

/// `/coordinator/clients/:id`.
#[component]
pub fn ClientFilePage() -> impl IntoView {
    let id = path_id::<ClientId>();
    view! {
        <Page>
            <StaffNav />
            <StaffClientFile id />
        </Page>
    }
}

#[island(lazy)]
fn StaffClientFile(id: Option<ClientId>) -> impl IntoView {
    let id = move || id;
    let update = ServerAction::<UpdateClient>::new();
    let fee = ServerAction::<RecordFee>::new();
    let login = ServerAction::<AddClientLogin>::new();
    let purchase = ServerAction::<RecordPurchase>::new();
    let undo = ServerAction::<UndoPurchase>::new();
    let page = Resource::new(
        move || {
            (
                id(),
                update.version().get(),
                fee.version().get(),
                login.version().get(),
                purchase.version().get(),
                undo.version().get(),
            )
        },
        |(id, ..)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((
                municipalities().await?,
                activities().await?,
                get_client_file(id).await?,
                client_cheques(id).await?,
            ))
        },
    );
    let error = Signal::derive(move || {
        [
            update.value().get().and_then(|r| r.err()),
            fee.value().get().and_then(|r| r.err()),
            login.value().get().and_then(|r| r.err()),
            purchase.value().get().and_then(|r| r.err()),
            undo.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
            <ActionError error />
            {move || login.value().get().and_then(|r| r.ok()).map(|c| view! { <CodeCard code=c /> })}
            <Show when=move || matches!(update.value().get(), Some(Ok(())))>
                <p class="notice" role="status">{t(T::Saved)}</p>
            </Show>
            {move || {
                purchase
                    .value()
                    .get()
                    .and_then(|r| r.ok())
                    .map(|done| {
                        let text = message(
                            use_lang(),
                            M::PurchaseRecorded,
                            &[("settled", done.settled.into())],
                        );
                        view! { <p class="notice ok" role="status">{text}</p> }
                    })
            }}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok((places, list, file, wallet)) => {
                            view! {
                                <ClientFileView places list file update fee login />
                                <ChequesCard wallet purchase undo />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
    }
}

#[component]
fn ClientFileView(
    places: Vec<Municipality>,
    list: Vec<Activity>,
    file: crate::clients::ClientFile,
    update: ServerAction<UpdateClient>,
    fee: ServerAction<RecordFee>,
    login: ServerAction<AddClientLogin>,
) -> impl IntoView {
    let lang = use_lang();
    let id = file.id.to_string();
    let (fee_id, login_id) = (id.clone(), id.clone());
    let balance = message(lang, M::ChequesCount, &[("n", file.cheque_balance.into())]);
    let work_address = Address {
        street: file.form.street.clone(),
        postcode: file.form.postcode.clone(),
        city: file.form.city.clone(),
    };
    let address = work_address.line();
    let fees = if file.fees_paid.is_empty() {
        view! { <p>{t(T::NoFeesPaid)}</p> }.into_any()
    } else {
        view! {
            <ul>
                {file
                    .fees_paid
                    .iter()
                    .map(|(year, day)| {
                        let line = message(
                            lang,
                            M::FeePaidLine,
                            &[("year", i64::from(*year).into()), ("day", short_date(lang, *day).into())],
                        );
                        view! { <li>{line}</li> }
                    })
                    .collect_view()}
            </ul>
        }
            .into_any()
    };
    let logins = if file.logins.is_empty() {
        view! { <p>{t(T::NoLogins)}</p> }.into_any()
    } else {
        view! {
            <ul>
                {file
                    .logins
                    .iter()
                    .map(|l| {
                        let state = match (l.active, l.waiting_for_activation) {
                            (false, _) => t(T::AccountDeactivated),
                            (true, true) => t(T::WaitsForActivation),
                            (true, false) => t(T::AccountActive),
                        };
                        view! { <li>{format!("{} · {} · {}", l.name, l.email, state)}</li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let year = file
        .fees_paid
        .first()
        .map(|(y, _)| y + 1)
        .unwrap_or(2026)
        .to_string();
    view! {
        <h1>{file.form.name.clone()}</h1>
        <section class="card" aria-labelledby="client-facts">
            <h2 id="client-facts">{t(T::WorkerData)}</h2>
            <p>{file.form.client_number.clone()} " · " {t(kind_key(file.form.kind))}</p>
            <p>{address}</p>
            <p>{file.municipality.clone()}</p>
            <p>{balance}</p>
        </section>
        <NewRequestForm client_id=file.id list address=work_address />
        <section class="card" aria-labelledby="client-fees">
            <h2 id="client-fees">{t(T::FeesTitle)}</h2>
            {fees}
            <ActionForm action=fee>
                <input type="hidden" name="client_id" value=fee_id />
                <div class="field">
                    <label for="fee-year">{t(T::FieldYear)}</label>
                    <input id="fee-year" name="year" type="number" min="2018" max="2100" value=year required />
                </div>
                <div class="field">
                    <label for="fee-paid-on">{t(T::FieldPaidOn)}</label>
                    <input id="fee-paid-on" name="paid_on" type="date" required />
                </div>
                <button type="submit" class="btn">{t(T::RecordFee)}</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="client-logins">
            <h2 id="client-logins">{t(T::LoginsTitle)}</h2>
            {logins}
            <ActionForm action=login>
                <input type="hidden" name="client_id" value=login_id />
                <div class="field">
                    <label for="login-name">{t(T::FieldPersonName)}</label>
                    <input id="login-name" name="name" required maxlength="200" autocomplete="off" />
                </div>
                <div class="field">
                    <label for="login-email">{t(T::FieldEmail)}</label>
                    <input id="login-email" name="email" type="email" required autocomplete="off" />
                </div>
                <button type="submit" class="btn">{t(T::AddLogin)}</button>
            </ActionForm>
        </section>
        <FileViews
            list=file.views.clone()
            title=T::FileViewsTitle
            intro=T::FileViewsIntro
            export=format!("/coordinator/data/client-{}.zip", file.id)
        />
        <section class="card" aria-labelledby="client-change">
            <h2 id="client-change">{t(T::Save)}</h2>
            <ActionForm action=update>
                <input type="hidden" name="client_id" value=id />
                <ClientFields places form=Some(file.form.clone()) />
                <button type="submit" class="btn btn-primary btn-wide">{t(T::Save)}</button>
            </ActionForm>
        </section>
    }
}

/// The gebruiker's cheques: recording a purchase after payment (at the organisation's price,
/// valid 12 months), the purchases and what changed the balance.
#[component]
fn ChequesCard(
    wallet: Wallet,
    purchase: ServerAction<RecordPurchase>,
    undo: ServerAction<UndoPurchase>,
) -> impl IntoView {
    let client_id = wallet.client_id.to_string();
    let today = wallet.today.to_string();
    view! {
        <section class="card" aria-labelledby="client-purchase">
            <h2 id="client-purchase">{t(T::PurchaseTitle)}</h2>
            <ActionForm action=purchase>
                <input type="hidden" name="client_id" value=client_id />
                <div class="field">
                    <label for="purchase-cheques">{t(T::FieldChequeCount)}</label>
                    <input
                        id="purchase-cheques"
                        name="cheques"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max="1000"
                        required
                    />
                </div>
                <div class="field">
                    <label for="purchase-paid-on">{t(T::FieldPaidOn)}</label>
                    <input id="purchase-paid-on" name="paid_on" type="date" value=today.clone() max=today required />
                </div>
                <button type="submit" class="btn btn-primary">{t(T::RecordPurchase)}</button>
            </ActionForm>
        </section>
        <WalletView wallet undo />
    }
}

/// A new request for this gebruiker, taken down by phone; on success the request opens with
/// its suggested workers.
#[component]
fn NewRequestForm(client_id: ClientId, list: Vec<Activity>, address: Address) -> impl IntoView {
    let create = ServerAction::<CreateRequest>::new();
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            go_to(&format!("/coordinator/requests/{id}"));
        }
    });
    let on_submit = Callback::new(move |work: Work| {
        create.dispatch(CreateRequest {
            request: NewRequest { client_id, work },
        });
    });
    view! {
        <section class="card" aria-labelledby="new-request">
            <h2 id="new-request">{t(T::NewRequestTitle)}</h2>
            <WorkForm
                activities=list
                address
                submit_label=T::CreateRequest
                error
                pending=create.pending()
                on_submit
            />
        </section>
    }
}

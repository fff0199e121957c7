//! Privacy on the settings screen: how long names and contact details are kept.

use leptos::prelude::*;

use super::layout::{ActionError, LoadError, Loading};
use crate::i18n::{T, t};

/// On the settings screen: how long names and contact details are kept.
#[component]
pub fn RetentionCard() -> impl IntoView {
    let months = Resource::new(|| (), |_| crate::privacy::get_retention());
    let save = ServerAction::<crate::privacy::SetRetention>::new();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match months.await {
                    Ok(m) => view! {
                        <section class="card" aria-labelledby="retention-title">
                            <h2 id="retention-title">{t(T::RetentionTitle)}</h2>
                            <p class="muted">{t(T::RetentionIntro)}</p>
                            <ActionError error />
                            <ActionForm action=save>
                                <div class="field">
                                    <label for="retention-months">{t(T::FieldRetentionMonths)}</label>
                                    <input
                                        id="retention-months"
                                        name="months"
                                        type="number"
                                        inputmode="numeric"
                                        min="6"
                                        max="120"
                                        value=m
                                        required
                                    />
                                </div>
                                <button type="submit" class="btn">{t(T::Save)}</button>
                            </ActionForm>
                        </section>
                    }
                        .into_any(),
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

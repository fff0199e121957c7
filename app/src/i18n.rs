//! The one catalogue of everything the interface says: Dutch (nl-BE) first, English and French
//! (for the Rand municipalities around Brussels) beside it.
//!
//! Components never hold text: they ask for a [`T`] key (fixed text) or call one of the functions
//! below (text with numbers in it). Adding a language is adding a column here; a missing
//! translation is a compile error, not a blank button.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::rules::{EntryProblem, LimitBreach};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
    Fr,
}

/// The cookie that remembers the chosen language (a preference, not personal data).
pub const LANG_COOKIE: &str = "wijkwerk_lang";

impl Lang {
    /// The value for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Every language, in the order the choice shows them.
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    /// The language's name in that language, as the choice shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }
}

/// The language of this page. On the server: the language cookie (Dutch without one). In the
/// browser: what the server wrote in `<html lang>`, so hydration renders the same words.
/// The language a request asks for (its language cookie; Dutch without one).
#[cfg(feature = "ssr")]
pub fn lang_of(headers: &axum::http::HeaderMap) -> Lang {
    headers
        .get(axum::http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|cookies| {
            cookies.split(';').find_map(|c| {
                c.trim()
                    .strip_prefix(LANG_COOKIE)?
                    .strip_prefix('=')
                    .and_then(Lang::parse)
            })
        })
        .unwrap_or_default()
}

pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .map(|parts| lang_of(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::parse(&code))
            .unwrap_or_default()
    }
}

/// Remember the language and reload the page it was chosen on (a plain form post, so the whole
/// page is rendered anew in that language).
#[server(prefix = "/api", endpoint = "set_language", output = crate::wire::Json)]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    crate::error::finish(
        async {
            let lang = Lang::parse(&lang).ok_or(AppError::Invalid(crate::error::Field::Form))?;
            set_language_cookie(lang)?;
            crate::auth::service::remember_language(lang.code()).await
        }
        .await,
    )
}

/// Remember `lang` in this browser (the login page and the first page after it).
#[cfg(feature = "ssr")]
pub fn set_language_cookie(lang: Lang) -> Result<(), AppError> {
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let header = axum::http::HeaderValue::from_str(&cookie)
        .map_err(|e| AppError::unavailable("language cookie", e))?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(axum::http::header::SET_COOKIE, header);
    Ok(())
}

macro_rules! catalogue {
    ($($key:ident => $nl:literal, $en:literal, $fr:literal;)*) => {
        /// A fixed text of the interface, in every language. Each key is a constant rather than
        /// an enum variant matched in one function: the browser's WASM then carries only the
        /// texts of the code it has (a screen's texts come with that screen's file).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct T {
            nl: &'static str,
            en: &'static str,
            fr: &'static str,
        }

        #[allow(non_upper_case_globals)]
        impl T {
            $(pub const $key: T = T { nl: $nl, en: $en, fr: $fr };)*
            pub const ALL: &'static [T] = &[$(T::$key,)*];
            pub const NAMES: &'static [&'static str] = &[$(stringify!($key),)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Nl => self.nl,
                    Lang::En => self.en,
                    Lang::Fr => self.fr,
                }
            }
        }
    };
}

/// Messages with numbers or names in them. A template names its arguments: `{name}` is
/// replaced by the argument, and `{n, plural, one {…} other {…}}` picks the form that the
/// language's plural rule ([`plural`]) gives for `n`, with `#` for the number itself
/// (ICU MessageFormat, the part of it we need).
macro_rules! messages {
    ($($key:ident => $nl:literal, $en:literal, $fr:literal;)*) => {
        /// A message template of the interface, in every language (constants, as [`T`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct M {
            nl: &'static str,
            en: &'static str,
            fr: &'static str,
        }

        #[allow(non_upper_case_globals)]
        impl M {
            $(pub const $key: M = M { nl: $nl, en: $en, fr: $fr };)*
            pub const ALL: &'static [M] = &[$(M::$key,)*];
            pub const NAMES: &'static [&'static str] = &[$(stringify!($key),)*];

            pub fn template(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Nl => self.nl,
                    Lang::En => self.en,
                    Lang::Fr => self.fr,
                }
            }
        }
    };
}

catalogue! {
    AppName => "Wijkwerk", "Wijkwerk", "Wijkwerk";
    Loading => "Even geduld…", "One moment…", "Un instant…";
    NotFound => "Deze pagina bestaat niet.", "This page does not exist.", "Cette page n’existe pas.";
    ToHome => "Naar de startpagina", "To the start page", "Aller à l’accueil";
    LoginTitle => "Aanmelden", "Log in", "Se connecter";
    LoginIntro => "Meld je aan met je e-mailadres en je wachtwoord.", "Log in with your email address and your password.", "Connectez-vous avec votre adresse e-mail et votre mot de passe.";
    Email => "E-mailadres", "Email address", "Adresse e-mail";
    Password => "Wachtwoord", "Password", "Mot de passe";
    LoginButton => "Aanmelden", "Log in", "Se connecter";
    Logout => "Afmelden", "Log out", "Se déconnecter";
    Hello => "Dag", "Hello", "Bonjour";
    Today => "Vandaag", "Today", "Aujourd’hui";
    NoAssignmentsToday => "Je hebt vandaag geen opdracht.", "You have no assignment today.", "Vous n’avez pas de mission aujourd’hui.";
    Start => "Start", "Start", "Commencer";
    Stop => "Stop", "Stop", "Arrêter";
    CancelStart => "Annuleren", "Cancel", "Annuler";
    OffersTitle => "Nieuwe aanbiedingen", "New offers", "Nouvelles offres";
    AcceptOffer => "Aanvaarden", "Accept", "Accepter";
    DeclineOffer => "Weigeren", "Decline", "Refuser";
    SendDecline => "Weiger deze opdracht", "Decline this assignment", "Refuser cette mission";
    DeclineReason => "Waarom niet? (mag je leeg laten)", "Why not? (you may leave this empty)", "Pourquoi pas ? (vous pouvez laisser vide)";
    OfferAccepted => "Aanvaard. Op de dag zelf staat de opdracht bij Vandaag.", "Accepted. On the day itself the assignment is under Today.", "Accepté. Le jour même, la mission sera dans « Aujourd’hui ».";
    CancelStartHint => "Per ongeluk gestart? Annuleer in de eerste 5 minuten.", "Started by mistake? Cancel within the first 5 minutes.", "Commencé par erreur ? Annulez dans les 5 premières minutes.";
    WorkingSince => "Je werkt sinds", "Working since", "Vous travaillez depuis";
    TimeWorked => "Gewerkte tijd", "Time worked", "Temps travaillé";
    MyHoursThisMonth => "Jouw uren deze maand", "Your hours this month", "Vos heures ce mois-ci";
    MyHoursThisYear => "Jouw uren dit jaar", "Your hours this year", "Vos heures cette année";
    MonthLimitNear => "Let op: je nadert de 60 uur van deze maand.", "Careful: you are close to this month's 60 hours.", "Attention : vous arrivez bientôt à 60 heures ce mois-ci.";
    NoTrajectoryEnd => "Je traject heeft geen einddatum.", "Your trajectory has no end date.", "Votre parcours n’a pas de date de fin.";
    RecentWork => "Laatst gewerkt", "Recently worked", "Travaillé récemment";
    NoRecentWork => "Nog geen uren.", "No hours yet.", "Pas encore d’heures.";
    StatusRunning => "Loopt", "Running", "En cours";
    StatusSubmitted => "Wacht op bevestiging", "Waiting for confirmation", "En attente de confirmation";
    StatusConfirmed => "Bevestigd", "Confirmed", "Confirmé";
    StatusAutoConfirmed => "Automatisch bevestigd", "Confirmed automatically", "Confirmé automatiquement";
    StatusDisputed => "Betwist", "Disputed", "Contesté";
    StatusReview => "Te controleren", "To be checked", "À vérifier";
    HeldForReview => "Je tijd liep langer dan 12 uur. We hebben alles bewaard. Je bemiddelaar kijkt het na en zet het juist.", "Your time ran for more than 12 hours. Everything is saved. Your coordinator will check it and put it right.", "Votre temps a tourné plus de 12 heures. Tout est enregistré. Votre accompagnateur va vérifier et corriger.";
    ChequesTitle => "Jouw wijk-werkcheques", "Your wijk-werk cheques", "Vos chèques wijk-werk";
    ToConfirm => "Te bevestigen", "To confirm", "À confirmer";
    NothingToConfirm => "Er is niets te bevestigen.", "There is nothing to confirm.", "Il n’y a rien à confirmer.";
    Confirm => "Bevestig", "Confirm", "Confirmer";
    Dispute => "Niet akkoord", "Dispute", "Pas d’accord";
    ConfirmWillWait => "Je hebt te weinig cheques voor deze prestatie. Na Bevestig wacht ze op cheques tot je er bijkoopt.", "You have too few cheques for this prestatie. After Confirm it waits for cheques until you buy more.", "Vous n’avez pas assez de chèques pour cette prestation. Après Confirmer, elle attend des chèques jusqu’à votre prochain achat.";
    DisputeReason => "Wat klopt er niet?", "What is wrong?", "Qu’est-ce qui ne va pas ?";
    SendDispute => "Verstuur", "Send", "Envoyer";
    RecentlyDecided => "Bevestigd of betwist", "Confirmed or disputed", "Confirmé ou contesté";
    HoursPerMunicipality => "Uren deze maand per gemeente", "Hours this month per municipality", "Heures de ce mois par commune";
    NoWorkers => "Geen wijk-werkers.", "No workers.", "Pas de travailleurs wijk-werk.";
    StopAtLimit => "Stop op je limiet", "Stop at your limit", "Arrêter à votre limite";
    // Why a form was refused.
    InvalidEmail => "Vul een geldig e-mailadres in.", "Enter a valid email address.", "Indiquez une adresse e-mail valable.";
    InvalidPassword => "Vul je wachtwoord in.", "Enter your password.", "Indiquez votre mot de passe.";
    InvalidCommonPassword => "Dit wachtwoord is te bekend: het staat op een lijst van gelekte wachtwoorden. Kies een ander.", "This password is too well known: it is on a list of leaked passwords. Choose another.", "Ce mot de passe est trop connu : il figure sur une liste de mots de passe divulgués. Choisissez-en un autre.";
    InvalidNewPassword => "Kies een wachtwoord van minstens 12 tekens (spaties mogen).", "Choose a password of at least 12 characters (spaces are fine).", "Choisissez un mot de passe d’au moins 12 caractères (les espaces sont permis).";
    InvalidDisputeReason => "Schrijf kort wat er niet klopt (minstens 3 tekens, hoogstens 500).", "Write briefly what is wrong (at least 3 characters, at most 500).", "Écrivez en quelques mots ce qui ne va pas (au moins 3 caractères, au plus 500).";
    InvalidDeclineReason => "Je reden is te lang (hoogstens 500 tekens).", "Your reason is too long (at most 500 characters).", "Votre raison est trop longue (500 caractères au plus).";
    InvalidForm => "Er ontbreekt iets in het formulier. Laad de pagina opnieuw en probeer nog eens.", "Something is missing in the form. Reload the page and try again.", "Il manque quelque chose dans le formulaire. Rechargez la page et réessayez.";
    ToClients => "Gebruikers", "Gebruikers", "Utilisateurs";
    ToWeek => "Weekplanning", "Week plan", "Planning de la semaine";
    ClientsTitle => "Gebruikers", "Gebruikers (clients)", "Utilisateurs";
    NewClient => "Nieuwe gebruiker", "New gebruiker", "Nouvel utilisateur";
    NoClientsFound => "Geen gebruikers gevonden.", "No gebruikers found.", "Aucun utilisateur trouvé.";
    FieldKind => "Soort gebruiker", "Kind of gebruiker", "Type d’utilisateur";
    AllKinds => "Alle soorten", "All kinds", "Tous les types";
    KindPrivatePerson => "Particulier", "Private person", "Particulier";
    KindLocalAuthority => "Lokaal bestuur", "Local authority", "Pouvoir local";
    KindNonProfit => "Vzw", "Non-profit", "ASBL";
    KindSchool => "School", "School", "École";
    KindAgriculture => "Land- of tuinbouw", "Agriculture or horticulture", "Agriculture ou horticulture";
    FieldClientNumber => "Gebruikersnummer (leeg: het volgende)", "User number (empty: the next one)", "Numéro d’utilisateur (vide : le suivant)";
    FieldName => "Naam", "Name", "Nom";
    FieldStreet => "Straat en nummer", "Street and number", "Rue et numéro";
    FieldPostcode => "Postcode", "Postcode", "Code postal";
    FieldCity => "Gemeente of deelgemeente", "Town", "Localité";
    FieldAgreementDate => "Datum van de overeenkomst", "Date of the agreement", "Date de la convention";
    CreateClient => "Gebruiker aanmaken", "Create gebruiker", "Créer l’utilisateur";
    FeesTitle => "Inschrijvingsgeld", "Registration fee", "Droit d’inscription";
    NoFeesPaid => "Nog geen inschrijvingsgeld genoteerd.", "No registration fee recorded yet.", "Aucun droit d’inscription enregistré.";
    FieldYear => "Jaar", "Year", "Année";
    FieldPaidOn => "Betaald op", "Paid on", "Payé le";
    RecordFee => "Betaling noteren", "Record payment", "Enregistrer le paiement";
    LoginsTitle => "Aanmeldingen", "Logins", "Connexions";
    NoLogins => "Nog niemand kan aanmelden voor deze gebruiker.", "Nobody can log in for this gebruiker yet.", "Personne ne peut encore se connecter pour cet utilisateur.";
    AddLogin => "Aanmelding toevoegen", "Add login", "Ajouter une connexion";
    FieldPersonName => "Naam van de persoon", "Name of the person", "Nom de la personne";
    NewRequestTitle => "Nieuwe aanvraag", "New request", "Nouvelle demande";
    FieldActivity => "Activiteit", "Activity", "Activité";
    FieldDescription => "Wat moet er gebeuren?", "What needs doing?", "Que faut-il faire ?";
    FieldRecurrence => "Hoe vaak", "How often", "Fréquence";
    RecurrenceOnce => "Eenmalig", "Once", "Une fois";
    RecurrenceWeekly => "Wekelijks", "Weekly", "Chaque semaine";
    FieldMinutes => "Duur (minuten)", "Duration (minutes)", "Durée (minutes)";
    FieldPreferredMoments => "Voorkeur (mag leeg)", "Preferred moments (may be empty)", "Moments préférés (facultatif)";
    Morning => "voormiddag", "morning", "matin";
    Afternoon => "namiddag", "afternoon", "après-midi";
    CreateRequest => "Aanvraag bewaren en kandidaten tonen", "Save request and show candidates", "Enregistrer et voir les candidats";
    RequestTitle => "Aanvraag", "Request", "Demande";
    RequestOffersTitle => "Aanbiedingen", "Offers", "Offres";
    RequestNotOffered => "Nog niet aangeboden.", "Not offered yet.", "Pas encore proposée.";
    Withdraw => "Intrekken", "Withdraw", "Retirer";
    SuggestionsTitle => "Voorgestelde wijk-werkers", "Suggested wijk-werkers", "Travailleurs proposés";
    NoSuggestions => "Geen wijk-werker heeft nu de uren of het traject hiervoor.", "No wijk-werker has the hours or the trajectory for this now.", "Aucun travailleur n’a les heures ou le trajet pour ceci maintenant.";
    FieldFirstDate => "Datum", "Date", "Date";
    FieldStartTime => "Beginuur (mag leeg)", "Start time (may be empty)", "Heure de début (facultatif)";
    FieldWeeks => "Aantal weken", "Number of weeks", "Nombre de semaines";
    Offer => "Aanbieden", "Offer", "Proposer";
    Offered => "Aangeboden.", "Offered.", "Proposé.";
    AssignmentOffered => "aangeboden", "offered", "proposée";
    AssignmentAccepted => "aanvaard", "accepted", "acceptée";
    AssignmentDeclined => "geweigerd", "declined", "refusée";
    AssignmentFinished => "gedaan", "done", "terminée";
    AssignmentCancelled => "ingetrokken", "withdrawn", "retirée";
    WeekTitle => "Weekplanning", "Week plan", "Planning de la semaine";
    PreviousWeek => "Vorige week", "Previous week", "Semaine précédente";
    NextWeek => "Volgende week", "Next week", "Semaine suivante";
    NothingPlanned => "Niets gepland.", "Nothing planned.", "Rien de prévu.";
    WorkAddressTitle => "Waar is het werk?", "Where is the work?", "Où est le travail ?";
    WorkAddressHint => "Aan een ander adres? Pas het hier aan.", "At another address? Change it here.", "À une autre adresse ? Modifiez-la ici.";
    NavConfirm => "Bevestigen", "Confirm", "Confirmer";
    ConfirmAll => "Alles bevestigen", "Confirm all", "Tout confirmer";
    YearOverviewTitle => "Jaaroverzicht", "Year overview", "Aperçu annuel";
    NavCheques => "Cheques", "Cheques", "Chèques";
    BatchesTitle => "Aankopen", "Purchases", "Achats";
    NoBatches => "Nog geen aankopen.", "No purchases yet.", "Pas encore d’achats.";
    ChequeHistoryTitle => "Wat er met je cheques gebeurde", "What happened to your cheques", "Ce qui est arrivé à vos chèques";
    NoChequeHistory => "Nog niets.", "Nothing yet.", "Rien encore.";
    BatchUsedUp => "Opgebruikt", "Used up", "Épuisé";
    BatchUndone => "Ongedaan gemaakt", "Undone", "Annulé";
    UndoPurchase => "Aankoop ongedaan maken", "Undo this purchase", "Annuler cet achat";
    RecordPurchase => "Aankoop noteren", "Record purchase", "Enregistrer l’achat";
    PurchaseTitle => "Cheques gekocht", "Cheques bought", "Chèques achetés";
    FieldChequeCount => "Aantal cheques", "Number of cheques", "Nombre de chèques";
    NavRequests => "Aanvragen", "Requests", "Demandes";
    MyRequestsTitle => "Mijn aanvragen", "My requests", "Mes demandes";
    NoMyRequests => "U hebt nog geen werk aangevraagd.", "You have not asked for work yet.", "Vous n’avez pas encore demandé de travail.";
    AskForWork => "Werk aanvragen", "Ask for work", "Demander du travail";
    SendRequest => "Aanvraag versturen", "Send request", "Envoyer la demande";
    RequestSent => "Uw aanvraag is verstuurd. De bemiddelaar zoekt een wijk-werker en laat van zich horen.", "Your request was sent. The coordinator looks for a wijk-werker and will be in touch.", "Votre demande a été envoyée. Le médiateur cherche un travailleur et vous recontactera.";
    NoAllowedActivities => "Er is nu geen werk dat u kunt aanvragen. Bel de wijk-werkorganisatie.", "There is no work you can ask for now. Please call the wijk-werk organisation.", "Il n’y a pas de travail que vous pouvez demander maintenant. Appelez l’organisation wijk-werk.";
    RequestStatusNew => "Nieuw", "New", "Nouvelle";
    RequestStatusInProgress => "In behandeling", "Being handled", "En cours";
    RequestStatusPlanned => "Ingepland", "Planned", "Planifiée";
    RequestStatusRejected => "Afgewezen", "Turned down", "Refusée";
    RejectTitle => "Afwijzen", "Turn down", "Refuser";
    FieldRejectReason => "Waarom? De gebruiker leest dit.", "Why? The client reads this.", "Pourquoi ? L’utilisateur le lira.";
    RejectRequest => "Aanvraag afwijzen", "Turn the request down", "Refuser la demande";
    Show => "Tonen", "Show", "Afficher";
    MatchingTitle => "Kan en wil", "Skills and availability", "Compétences et disponibilités";
    SkillsTitle => "Activiteiten die de wijk-werker kan doen", "Activities the wijk-werker can do", "Activités que le travailleur peut faire";
    AvailabilityTitle => "Beschikbaar", "Available", "Disponible";
    WorkerColumn => "Wijk-werker", "Wijk-werker", "Travailleur";
    ToOrganisation => "Organisatie", "Organisation", "Organisation";
    OrganisationTitle => "Organisatie: gemeenten en activiteiten", "Organisation: municipalities and activities", "Organisation : communes et activités";
    MunicipalitiesTitle => "Gemeenten", "Municipalities", "Communes";
    FieldJoinedOn => "Aangesloten op", "Joined on", "Affiliée le";
    AddMunicipality => "Gemeente toevoegen", "Add municipality", "Ajouter une commune";
    ActivitiesTitle => "Activiteiten en waar ze mogen", "Activities and where they are allowed", "Activités et où elles sont autorisées";
    ActivitiesIntro => "Een activiteit mag overal, tenzij je ze hier uitzet voor een gemeente of een soort gebruiker. Tik om aan of uit te zetten.", "An activity is allowed everywhere unless you switch it off here for a municipality or a kind of gebruiker. Tap to switch.", "Une activité est autorisée partout, sauf si vous la désactivez ici pour une commune ou un type d’utilisateur. Touchez pour changer.";
    AddActivity => "Activiteit toevoegen", "Add activity", "Ajouter une activité";
    FieldCategory => "Hoofdgroep", "Main group", "Groupe principal";
    CategoryPrevention => "Preventie", "Prevention", "Prévention";
    CategoryAdministration => "Hulp bij administratie", "Help with administration", "Aide administrative";
    CategoryRepairs => "Kleine herstellingen en onderhoud", "Small repairs and maintenance", "Petites réparations et entretien";
    CategoryGarden => "Klein tuinonderhoud", "Small garden maintenance", "Petit entretien de jardin";
    CategoryAgriculture => "Land- en tuinbouw", "Agriculture and horticulture", "Agriculture et horticulture";
    CategoryLogistics => "Logistieke taken", "Logistical tasks", "Tâches logistiques";
    CategoryAccompanying => "Ondersteuning bij begeleiding van personen", "Support in accompanying people", "Soutien à l’accompagnement de personnes";
    CategoryHousehold => "Ondersteuning bij huishoudelijke taken", "Support with household tasks", "Soutien aux tâches ménagères";
    Allowed => "mag", "allowed", "autorisé";
    NotAllowed => "mag niet", "not allowed", "non autorisé";
    ToRequests => "Aanvragen", "Requests", "Demandes";
    RequestsTitle => "Aanvragen van gebruikers", "Requests of gebruikers", "Demandes des utilisateurs";
    NoRequests => "Nog geen aanvragen. Een aanvraag van een gebruiker komt hier; een aanvraag per telefoon neem je op vanaf de pagina van de gebruiker.", "No requests yet. A gebruiker's own request comes here; one by phone is taken from the gebruiker's page.", "Pas encore de demandes. La demande d’un utilisateur arrive ici ; une demande par téléphone se prend depuis la page de l’utilisateur.";
    InvalidName => "Vul een voornaam en een achternaam in (hoogstens 100 tekens).", "Fill in a first and a last name (at most 100 characters).", "Indiquez un prénom et un nom (100 caractères au plus).";
    InvalidPhone => "Een telefoonnummer heeft alleen cijfers, spaties en + / . - (hoogstens 30 tekens).", "A phone number has only digits, spaces and + / . - (at most 30 characters).", "Un numéro de téléphone ne contient que des chiffres, des espaces et + / . - (30 caractères au plus).";
    InvalidMunicipality => "Kies een gemeente van je organisatie.", "Choose a municipality of your organisation.", "Choisissez une commune de votre organisation.";
    InvalidTrajectoryEnd => "Een traject eindigt na de start en duurt hoogstens 12 maanden (behalve voor ex-PWA).", "A trajectory ends after its start and lasts at most 12 months (except ex-PWA).", "Un trajet se termine après son début et dure au plus 12 mois (sauf ex-ALE).";
    InvalidEndDate => "De einddatum ligt tussen de start van het traject en vandaag.", "The end date lies between the start of the trajectory and today.", "La date de fin se situe entre le début du trajet et aujourd’hui.";
    InvalidActivity => "Kies een activiteit die je organisatie toelaat voor deze gebruiker (zijn gemeente en zijn soort).", "Choose an activity your organisation allows for this gebruiker (its municipality and kind).", "Choisissez une activité que votre organisation autorise pour cet utilisateur (sa commune et son type).";
    InvalidDescription => "Beschrijf de aanvraag kort (hoogstens 1000 tekens).", "Describe the request briefly (at most 1000 characters).", "Décrivez brièvement la demande (1000 caractères au plus).";
    InvalidPlannedMinutes => "Een opdracht duurt van een kwartier tot 12 uur.", "An assignment lasts from a quarter of an hour to 12 hours.", "Une mission dure d’un quart d’heure à 12 heures.";
    InvalidWeeks => "Een eenmalige aanvraag krijgt één datum; een wekelijkse 1 tot 26 weken.", "A one-off request gets one date; a weekly one 1 to 26 weeks.", "Une demande unique reçoit une date ; une demande hebdomadaire de 1 à 26 semaines.";
    InvalidOfferDate => "Kies een datum vanaf vandaag en binnen het traject van de wijk-werker.", "Choose a date from today on and within the worker's trajectory.", "Choisissez une date à partir d’aujourd’hui et dans le trajet du travailleur.";
    InvalidPostcode => "Een postcode heeft vier cijfers.", "A postcode has four digits.", "Un code postal a quatre chiffres.";
    InvalidAddress => "Vul de straat en de gemeente in (hoogstens 200 tekens).", "Fill in the street and the town (at most 200 characters).", "Indiquez la rue et la localité (200 caractères au plus).";
    InvalidClientNumber => "Dit gebruikersnummer is al in gebruik (of langer dan 30 tekens).", "This user number is already in use (or longer than 30 characters).", "Ce numéro d’utilisateur est déjà utilisé (ou dépasse 30 caractères).";
    InvalidFeeYear => "Kies een jaar vanaf 2018 en een betaaldatum die niet in de toekomst ligt.", "Choose a year from 2018 on and a payment date not in the future.", "Choisissez une année à partir de 2018 et une date de paiement qui n’est pas dans le futur.";
    InvalidEntries => "Kies 1 tot 200 prestaties.", "Choose 1 to 200 prestaties.", "Choisissez 1 à 200 prestations.";
    InvalidRejectReason => "Schrijf kort waarom (hoogstens 500 tekens): de gebruiker leest het.", "Say briefly why (at most 500 characters): the client reads it.", "Dites brièvement pourquoi (500 caractères au plus) : l’utilisateur le lira.";
    ErrRequestClosed => "Deze aanvraag is afgewezen: er kan niets meer voor aangeboden worden.", "This request was turned down: nothing more can be offered for it.", "Cette demande a été refusée : plus rien ne peut être proposé pour elle.";
    ErrPurchaseUsed => "Van deze aankoop zijn al cheques gebruikt (of vervallen): ze kan niet meer ongedaan worden.", "Cheques of this purchase were used (or expired): it can no longer be undone.", "Des chèques de cet achat ont déjà été utilisés (ou ont expiré) : il ne peut plus être annulé.";
    InvalidCheques => "Geef een aantal cheques van 1 tot 1000.", "Enter a number of cheques from 1 to 1000.", "Indiquez un nombre de chèques de 1 à 1000.";
    InvalidChequePrice => "Kies een van de vier prijzen: € 5,95, € 6,45, € 6,95 of € 7,45.", "Choose one of the four prices: €5.95, €6.45, €6.95 or €7.45.", "Choisissez l’un des quatre prix : 5,95 €, 6,45 €, 6,95 € ou 7,45 €.";
    InvalidPriceFrom => "Een nieuwe prijs geldt pas vanaf 1 januari van volgend jaar (of het jaar erna).", "A new price only applies from 1 January of next year (or the year after).", "Un nouveau prix ne s’applique qu’à partir du 1er janvier de l’année prochaine (ou de l’année suivante).";
    InvalidAllowanceRate => "Vul de vergoeding in euro in, bijvoorbeeld 4,10 (van 0 tot 20).", "Enter the allowance in euro, for example 4.10 (from 0 to 20).", "Indiquez l’indemnité en euros, par exemple 4,10 (de 0 à 20).";
    InvalidKmThreshold => "Vul het aantal km in waarboven reiskosten betaald worden: van 0 tot 500.", "Enter the km above which travel is paid: from 0 to 500.", "Indiquez le nombre de km au-delà duquel les frais de déplacement sont payés : de 0 à 500.";
    InvalidRatesFrom => "Nieuwe tarieven gelden vanaf vandaag of later (hoogstens twee jaar vooruit). Wat al gewerkt is, houdt zijn tarief.", "New rates apply from today or later (at most two years ahead). Work already done keeps its rate.", "Les nouveaux tarifs s’appliquent à partir d’aujourd’hui ou plus tard (au plus deux ans à l’avance). Le travail déjà fait garde son tarif.";
    InvalidKmRate => "Vul de vergoeding per km in euro in, bijvoorbeeld 0,15 (van 0 tot 1).", "Enter the allowance per km in euro, for example 0.15 (from 0 to 1).", "Indiquez l’indemnité par km en euros, par exemple 0,15 (de 0 à 1).";
    InvalidAutoConfirmDays => "Automatisch bevestigen na 1 tot 30 dagen.", "Confirm automatically after 1 to 30 days.", "Confirmer automatiquement après 1 à 30 jours.";
    InvalidForgottenReminder => "De herinnering komt 0 tot 240 minuten na het geplande einde.", "The reminder comes 0 to 240 minutes after the planned end.", "Le rappel vient 0 à 240 minutes après la fin prévue.";
    InvalidForgottenClose => "Een vergeten klok sluit na 1 tot 12 uur.", "A forgotten clock closes after 1 to 12 hours.", "Une horloge oubliée se ferme après 1 à 12 heures.";
    InvalidPeriod => "Kies een periode vanaf 2018 van hoogstens 3 jaar, met de eerste dag vóór de laatste.", "Choose a period from 2018 on of at most 3 years, with the first day before the last.", "Choisissez une période à partir de 2018 d’au plus 3 ans, le premier jour avant le dernier.";
    InvalidMonth => "Kies een maand vanaf januari 2018 tot deze maand.", "Choose a month from January 2018 up to this month.", "Choisissez un mois de janvier 2018 jusqu’à ce mois-ci.";
    InvalidSettleReason => "Schrijf kort waarom (3 tot 500 tekens), bijvoorbeeld wat de gebruiker aan de telefoon zei.", "Write briefly why (3 to 500 characters), for example what the user said on the phone.", "Écrivez brièvement pourquoi (3 à 500 caractères), par exemple ce que l’utilisateur a dit au téléphone.";
    ToReview => "Te bekijken", "To review", "À examiner";
    ReviewIntro => "Prestaties die betwist zijn of die de server vasthield (niet gestopt, of te lang). Regel ze met een reden: bevestig namens de gebruiker, corrigeer de uren of wijs af. De cheques volgen vanzelf.", "Prestaties that were disputed or that the server held (not stopped, or too long). Settle them with a reason: confirm on behalf of the user, correct the hours or reject. The cheques follow by themselves.", "Prestations contestées ou retenues par le serveur (non arrêtées, ou trop longues). Réglez-les avec une raison : confirmez au nom de l’utilisateur, corrigez les heures ou refusez. Les chèques suivent d’eux-mêmes.";
    NothingToReview => "Niets te bekijken.", "Nothing to review.", "Rien à examiner.";
    HeldByServer => "Vastgehouden: de klok werd niet gestopt of liep te lang.", "Held: the clock was not stopped or ran too long.", "Retenue : l’horloge n’a pas été arrêtée ou a tourné trop longtemps.";
    DisputedNoReason => "Betwist door de gebruiker (zonder reden).", "Disputed by the user (no reason given).", "Contestée par l’utilisateur (sans raison).";
    FieldSettleReason => "Waarom bevestig je namens de gebruiker?", "Why do you confirm on behalf of the user?", "Pourquoi confirmez-vous au nom de l’utilisateur ?";
    ConfirmOnBehalf => "Bevestigen namens de gebruiker", "Confirm on behalf of the user", "Confirmer au nom de l’utilisateur";
    ConfirmedOnBehalf => "Bevestigd namens de gebruiker.", "Confirmed on behalf of the user.", "Confirmé au nom de l’utilisateur.";
    SelectEntry => "Selecteren om samen te bevestigen", "Select to confirm together", "Sélectionner pour confirmer ensemble";
    ConfirmSelectedIntro => "Eenvoudige gevallen samen regelen: vink ze hieronder aan en bevestig ze met één reden namens de gebruikers.", "Settle simple cases together: tick them below and confirm them with one reason on behalf of the users.", "Réglez les cas simples ensemble : cochez-les ci-dessous et confirmez-les avec une seule raison au nom des utilisateurs.";
    RefusalHandled => "Afgehandeld", "Handled", "Traité";
    SettlementsTitle => "Beslist door de bemiddelaar", "Decided by the coordinator", "Décidé par le médiateur";
    NoSettlements => "Nog geen prestatie van deze wijk-werker gecorrigeerd, afgewezen of namens de gebruiker bevestigd.", "No prestatie of this worker corrected, rejected or confirmed on behalf of the user yet.", "Aucune prestation de ce travailleur corrigée, refusée ou confirmée au nom de l’utilisateur.";
    CorrectEntry => "Corrigeren", "Correct", "Corriger";
    CorrectIntro => "Zet de uren zoals ze gewerkt zijn. Was de prestatie al betaald, dan krijgt de gebruiker die cheques terug. Daarna bevestigt de gebruiker de nieuwe uren, tenzij hij al akkoord ging: dan zijn ze meteen betaald.", "Set the hours as they were worked. If the prestatie was paid, the user gets those cheques back. Then the user confirms the new hours, unless they agreed already: then they are paid at once.", "Indiquez les heures telles qu’elles ont été prestées. Si la prestation était payée, l’utilisateur récupère ces chèques. Ensuite l’utilisateur confirme les nouvelles heures, sauf s’il a déjà donné son accord : elles sont alors payées tout de suite.";
    FieldAgreement => "Ging de gebruiker al akkoord?", "Did the user agree already?", "L’utilisateur a-t-il déjà donné son accord ?";
    AgreementAskClient => "Nee: de gebruiker bevestigt zelf", "No: the user confirms it", "Non : l’utilisateur confirme lui-même";
    AgreementPhone => "Ja, aan de telefoon", "Yes, on the phone", "Oui, au téléphone";
    AgreementPaper => "Ja, op papier", "Yes, on paper", "Oui, sur papier";
    AgreementOffice => "Ja, op kantoor", "Yes, at the office", "Oui, au bureau";
    CorrectionSentBack => "Gecorrigeerd. De gebruiker moet de nieuwe uren nog bevestigen.", "Corrected. The user still has to confirm the new hours.", "Corrigé. L’utilisateur doit encore confirmer les nouvelles heures.";
    HeldDoesNotCount => "Deze uren tellen pas mee voor de 60 en 630 uur als je ze bevestigt of corrigeert.", "These hours count towards the 60 and 630 hours only once you confirm or correct them.", "Ces heures ne comptent pour les 60 et 630 heures qu’une fois confirmées ou corrigées.";
    CorrectedByCoordinator => "De bemiddelaar heeft deze uren aangepast.", "The coordinator changed these hours.", "L’accompagnateur a modifié ces heures.";
    FieldCorrectReason => "Waarom corrigeer je?", "Why do you correct it?", "Pourquoi corrigez-vous ?";
    SaveCorrection => "Correctie opslaan", "Save the correction", "Enregistrer la correction";
    EntryCorrected => "Gecorrigeerd. De uren en de cheques zijn aangepast.", "Corrected. The hours and the cheques were adjusted.", "Corrigé. Les heures et les chèques ont été ajustés.";
    RejectEntry => "Afwijzen", "Reject", "Refuser";
    RejectIntro => "Niet gewerkt of geen wijk-werk? Dan telt de prestatie niet mee en krijgt de gebruiker betaalde cheques terug.", "Not worked, or not wijk-werk? Then the prestatie does not count and the user gets paid cheques back.", "Pas prestée, ou pas du wijk-werk ? La prestation ne compte pas et l’utilisateur récupère les chèques payés.";
    FieldRejectEntryReason => "Waarom wijs je af?", "Why do you reject it?", "Pourquoi refusez-vous ?";
    EntryRejected => "Afgewezen. De uren tellen niet meer mee.", "Rejected. The hours no longer count.", "Refusé. Les heures ne comptent plus.";
    ToAllowances => "Vergoedingen", "Allowances", "Indemnités";
    ToReports => "Rapport per gemeente", "Report per municipality", "Rapport par commune";
    ReportIntro => "Het statusrapport voor de gemeenten: wijk-werkers wonend in de gemeente, gebruikers gelegen in de gemeente.", "The status report for the municipalities: workers living in the municipality, users located there.", "Le rapport de situation pour les communes : travailleurs habitant la commune, utilisateurs situés dans la commune.";
    FieldFrom => "Van", "From", "Du";
    FieldUntil => "Tot en met", "Up to and including", "Jusqu’au";
    FieldAnonymous => "Versie voor buiten de organisatie: zonder namen, kleine groepen afgeschermd", "Version for outside the organisation: no names, small groups shielded", "Version pour l’extérieur : sans noms, petits groupes masqués";
    ShowReport => "Toon het rapport", "Show the report", "Afficher le rapport";
    ReportAnonymous => "Versie voor buiten de organisatie", "Version for outside the organisation", "Version pour l’extérieur";
    ReportInternal => "Interne versie (met namen)", "Internal version (with names)", "Version interne (avec noms)";
    ShieldedNote => "Afgeschermd: een groep van minder dan 5 personen, of een groep waaruit die te berekenen is.", "Shielded: a group of fewer than 5 people, or one from which it could be worked out.", "Masqué : un groupe de moins de 5 personnes, ou un groupe permettant de le calculer.";
    Shielded => "afgeschermd", "shielded", "masqué";
    ActiveWorkers => "Actieve wijk-werkers (in traject)", "Active workers (in a trajectory)", "Travailleurs actifs (en trajet)";
    WorkingWorkers => "Wijk-werkers die werkten", "Workers who worked", "Travailleurs ayant presté";
    TrajectoriesStarted => "Gestarte trajecten", "Trajectories started", "Trajets commencés";
    TrajectoriesEnded => "Beëindigde trajecten", "Trajectories ended", "Trajets terminés";
    HoursWorked => "Gewerkte uren", "Hours worked", "Heures prestées";
    HoursByGroup => "Uren per activiteitengroep", "Hours per activity group", "Heures par groupe d’activités";
    ClientsByKind => "Gebruikers met prestaties, per soort", "Users with prestaties, per kind", "Utilisateurs avec prestations, par type";
    ReportChequesUsed => "Gebruikte cheques", "Cheques used", "Chèques utilisés";
    ReportWorkers => "Wijk-werkers in deze periode", "Workers in this period", "Travailleurs dans cette période";
    ColGroup => "groep", "group", "groupe";
    ColWorkers => "wijk-werkers", "workers", "travailleurs";
    ColFigure => "cijfer", "figure", "chiffre";
    ColValue => "waarde", "value", "valeur";
    ColTrajectory => "traject", "trajectory", "trajet";
    ColOutcome => "uitstroom", "outcome", "sortie";
    PrintableVersion => "Afdrukbare versie", "Printable version", "Version imprimable";
    StillRunning => "loopt", "running", "en cours";
    ToSettings => "Instellingen", "Settings", "Paramètres";
    AllowancesIntro => "Bevestigde prestaties van de maand, elk met de tarieven van zijn dag: de verdiende cheques (elk begonnen uur) × de vergoeding, plus de km van een rit heen en terug boven de grens × de km-vergoeding.", "Confirmed prestaties of the month, each at the rates of its day: the cheques earned (each started hour) × the allowance, plus the km of a round trip over the threshold × the km rate.", "Prestations confirmées du mois, chacune aux tarifs de son jour : les chèques gagnés (chaque heure entamée) × l’indemnité, plus les km d’un aller-retour au-delà du seuil × le tarif au km.";
    NoAllowances => "Geen bevestigde prestaties in deze maand.", "No confirmed prestaties in this month.", "Aucune prestation confirmée ce mois-ci.";
    PreviousMonth => "Vorige maand", "Previous month", "Mois précédent";
    NextMonth => "Volgende maand", "Next month", "Mois suivant";
    DownloadCsv => "Download CSV", "Download CSV", "Télécharger CSV";
    DownloadXlsx => "Download Excel (XLSX)", "Download Excel (XLSX)", "Télécharger Excel (XLSX)";
    ColWorker => "wijk-werker", "worker", "travailleur wijk-werk";
    ColEntries => "prestaties", "prestaties", "prestations";
    ColHours => "uren", "hours", "heures";
    ColCheques => "cheques", "cheques", "chèques";
    ColKm => "km heen en terug", "km round trip", "km aller-retour";
    ColPaidKm => "km vergoed", "km paid", "km indemnisés";
    ColWorkAllowance => "vergoeding prestaties (EUR)", "allowance for work (EUR)", "indemnité prestations (EUR)";
    ColKmAllowance => "vergoeding km (EUR)", "allowance km (EUR)", "indemnité km (EUR)";
    ColTotalAllowance => "totaal (EUR)", "total (EUR)", "total (EUR)";
    TotalRow => "Totaal", "Total", "Total";
    SettingsTitle => "Organisatie-instellingen", "Organisation settings", "Paramètres de l’organisation";
    SettingsIntro => "Tarieven en prijzen gelden vanaf de dag die je kiest; de andere instellingen meteen. Elke wijziging staat in het logboek.", "Rates and prices apply from the day you choose; the other settings at once. Every change is kept in the audit log.", "Les tarifs et les prix s’appliquent à partir du jour choisi ; les autres paramètres tout de suite. Chaque changement est gardé dans le journal.";
    AllowancesSettingsTitle => "Vergoeding van de wijk-werker", "The worker’s allowance", "Indemnité du travailleur";
    FieldAllowance => "Vergoeding (euro)", "Allowance (euro)", "Indemnité (euros)";
    FieldBasis => "Betaald per", "Paid per", "Payée par";
    BasisPerCheque => "verdiende cheque (elk begonnen uur)", "cheque earned (each started hour)", "chèque gagné (chaque heure entamée)";
    BasisPerMinute => "uur, per minuut gerekend", "hour, counted per minute", "heure, comptée à la minute";
    FieldKmThreshold => "Reiskosten als de rit heen en terug meer is dan (km)", "Travel paid when the round trip is more than (km)", "Frais de déplacement si l’aller-retour dépasse (km)";
    FieldRatesFrom => "Vanaf", "From", "À partir du";
    SetRates => "Tarieven instellen", "Set rates", "Fixer les tarifs";
    RatesRule => "Een prestatie krijgt de tarieven van de dag dat ze gewerkt is. Nieuwe tarieven gelden vanaf de dag die je kiest (vandaag of later), zodat een maand altijd dezelfde euro’s geeft.", "A prestatie gets the rates of the day it was worked. New rates apply from the day you choose (today or later), so a month always gives the same euros.", "Une prestation reçoit les tarifs du jour où elle a été prestée. Les nouveaux tarifs s’appliquent à partir du jour choisi (aujourd’hui ou plus tard), pour qu’un mois donne toujours les mêmes euros.";
    FieldKmRate => "Vergoeding per km (euro)", "Allowance per km (euro)", "Indemnité par km (euros)";
    ConfirmationSettingsTitle => "Bevestigen en klokken", "Confirming and clocking", "Confirmer et pointer";
    FieldAutoConfirmDays => "Automatisch bevestigen na (dagen)", "Confirm automatically after (days)", "Confirmer automatiquement après (jours)";
    FieldForgottenReminder => "Herinnering ‘vergeten te stoppen?’ na het geplande einde (minuten)", "Reminder ‘forgot to stop?’ after the planned end (minutes)", "Rappel « oublié d’arrêter ? » après la fin prévue (minutes)";
    FieldForgottenClose => "Een vergeten klok sluit na (uren)", "A forgotten clock closes after (hours)", "Une horloge oubliée se ferme après (heures)";
    SaveSettings => "Instellingen bewaren", "Save settings", "Enregistrer les paramètres";
    ChequePriceTitle => "Prijs van een wijk-werkcheque", "Price of a wijk-werk cheque", "Prix d’un chèque wijk-werk";
    ChequePriceRule => "Een nieuwe prijs geldt vanaf 1 januari van volgend jaar: één van de vier prijzen van het decreet, voor elke gebruiker en elke activiteit dezelfde. Wat al gekocht is, houdt zijn prijs.", "A new price applies from 1 January of next year: one of the decree's four prices, the same for every user and activity. What was bought keeps its price.", "Un nouveau prix s’applique à partir du 1er janvier de l’année prochaine : l’un des quatre prix du décret, le même pour chaque utilisateur et activité. Ce qui a été acheté garde son prix.";
    MunicipalityPricesTitle => "Prijs per gemeente", "Price per municipality", "Prix par commune";
    MunicipalityPricesIntro => "De gemeente van de gebruiker bepaalt de prijs. Zonder eigen prijs geldt de prijs van de organisatie. Gemeenten die samen een prijs kiezen, moeten het eens zijn; anders geldt de laagste.", "The user's municipality decides the price. Without a price of its own, the organisation's applies. Municipalities that choose a price together must agree; otherwise the lowest applies.", "La commune de l’utilisateur détermine le prix. Sans prix propre, le prix de l’organisation s’applique. Les communes qui choisissent un prix ensemble doivent être d’accord ; sinon le plus bas s’applique.";
    OrganisationPrice => "de prijs van de organisatie", "the organisation's price", "le prix de l’organisation";
    FieldNewPrice => "Nieuwe prijs", "New price", "Nouveau prix";
    FieldPriceFrom => "Vanaf", "From", "À partir du";
    SetPrice => "Prijs instellen", "Set price", "Fixer le prix";
    InvalidPaidOn => "Kies de dag van betaling: niet in de toekomst en niet langer dan een jaar geleden.", "Choose the day of payment: not in the future and not more than a year ago.", "Choisissez le jour du paiement : pas dans le futur et pas il y a plus d’un an.";
    ErrFeeAlreadyRecorded => "Het inschrijvingsgeld van dat jaar is al genoteerd.", "That year's registration fee is already recorded.", "Le droit d’inscription de cette année est déjà enregistré.";
    ErrActivationCode => "Deze code werkt niet (meer). Kijk ze na, of vraag je bemiddelaar om een nieuwe code.", "This code does not work (any more). Check it, or ask your coordinator for a new code.", "Ce code ne fonctionne pas (plus). Vérifiez-le ou demandez un nouveau code à votre accompagnateur.";
    ErrTrajectoryEnded => "Dit traject is al afgesloten.", "This trajectory has already ended.", "Ce trajet est déjà clôturé.";
    ActivateTitle => "Eerste keer aanmelden", "First login", "Première connexion";
    ActivateIntro => "Typ de code die je van je bemiddelaar kreeg en kies een wachtwoord.", "Type the code your coordinator gave you and choose a password.", "Tapez le code reçu de votre accompagnateur et choisissez un mot de passe.";
    ActivateLink => "Eerste keer? Met een code van je bemiddelaar", "First time? With a code from your coordinator", "Première fois ? Avec un code de votre accompagnateur";
    FieldCode => "Code (bv. K7QM-4TRX)", "Code (e.g. K7QM-4TRX)", "Code (p. ex. K7QM-4TRX)";
    ActivateButton => "Wachtwoord kiezen en aanmelden", "Choose password and log in", "Choisir le mot de passe et se connecter";
    ReasonSameMunicipality => "woont in dezelfde gemeente", "lives in the same municipality", "habite la même commune";
    ReasonOtherMunicipality => "andere gemeente van de organisatie", "another municipality of the organisation", "autre commune de l’organisation";
    ReasonHasSkill => "kan deze activiteit", "can do this activity", "sait faire cette activité";
    ReasonNoSkill => "deze activiteit staat niet bij wat hij of zij kan", "this activity is not among their skills", "cette activité ne figure pas parmi ses compétences";
    WorkersTitle => "Wijk-werkers", "Wijk-werkers", "Travailleurs de quartier";
    ToWorkers => "Wijk-werkers", "Wijk-werkers", "Travailleurs";
    ToOverview => "Overzicht", "Overview", "Aperçu";
    NewWorker => "Nieuwe wijk-werker", "New wijk-werker", "Nouveau travailleur";
    Search => "Zoeken", "Search", "Rechercher";
    SearchLabel => "Naam of e-mail", "Name or email", "Nom ou e-mail";
    FieldMunicipality => "Gemeente", "Municipality", "Commune";
    AllMunicipalities => "Alle gemeenten", "All municipalities", "Toutes les communes";
    FieldStatus => "Traject", "Trajectory", "Trajet";
    StatusActive => "Loopt", "Running", "En cours";
    StatusEnded => "Afgesloten", "Ended", "Clôturé";
    StatusAll => "Alle", "All", "Tous";
    NoWorkersFound => "Geen wijk-werkers gevonden.", "No wijk-werkers found.", "Aucun travailleur trouvé.";
    WaitsForActivation => "wacht op activatie", "waiting for activation", "en attente d’activation";
    FieldFirstName => "Voornaam", "First name", "Prénom";
    FieldLastName => "Achternaam", "Last name", "Nom";
    FieldEmail => "E-mailadres (om aan te melden)", "Email address (to log in)", "Adresse e-mail (pour se connecter)";
    FieldPhone => "Telefoon (mag leeg)", "Phone (may be empty)", "Téléphone (facultatif)";
    FieldReferrer => "Doorverwezen door", "Referred by", "Orienté par";
    ReferrerVdab => "VDAB", "VDAB", "VDAB";
    ReferrerOcmw => "OCMW", "OCMW (public social welfare centre)", "CPAS";
    FieldTrajectoryStart => "Start van het traject", "Start of the trajectory", "Début du trajet";
    FieldTrajectoryEnd => "Geplande einde (hoogstens 12 maanden later)", "Planned end (at most 12 months later)", "Fin prévue (au plus 12 mois plus tard)";
    FieldExPwa => "Ex-PWA (had een PWA-contract op 30-9-2017: geen grens van 12 maanden)", "Ex-PWA (had a PWA contract on 30-9-2017: no 12-month limit)", "Ex-ALE (avait un contrat ALE le 30-9-2017 : pas de limite de 12 mois)";
    CreateWorker => "Wijk-werker aanmaken", "Create wijk-werker", "Créer le travailleur";
    CodeTitle => "Activatiecode", "Activation code", "Code d’activation";
    CodeHowTo => "Geef deze code aan de wijk-werker. Die opent de app, tikt op ‘Eerste keer?’, typt de code en kiest een wachtwoord. De code werkt één keer.", "Give this code to the wijk-werker. They open the app, tap ‘First time?’, type the code and choose a password. The code works once.", "Donnez ce code au travailleur. Il ouvre l’application, touche « Première fois ? », tape le code et choisit un mot de passe. Le code fonctionne une fois.";
    Print => "Afdrukken", "Print", "Imprimer";
    ToWorkerFile => "Naar de fiche", "To the file", "Vers la fiche";
    WorkerData => "Gegevens", "Details", "Données";
    AccountTitle => "Account", "Account", "Compte";
    AccountActive => "Actief: meldt zich aan met een eigen wachtwoord.", "Active: logs in with their own password.", "Actif : se connecte avec son propre mot de passe.";
    AccountDeactivated => "Gedeactiveerd: kan niet meer aanmelden.", "Deactivated: can no longer log in.", "Désactivé : ne peut plus se connecter.";
    NewCode => "Nieuwe activatiecode (wachtwoord vergeten)", "New activation code (forgotten password)", "Nouveau code d’activation (mot de passe oublié)";
    Deactivate => "Account deactiveren", "Deactivate account", "Désactiver le compte";
    EndTrajectoryTitle => "Traject afsluiten", "End trajectory", "Clôturer le trajet";
    FieldEndedOn => "Laatste dag", "Last day", "Dernier jour";
    FieldOutcome => "Uitstroom", "Outcome", "Sortie";
    OutcomeWork => "Werk", "Work", "Emploi";
    OutcomeTraining => "Opleiding", "Training", "Formation";
    OutcomeOtherMeasure => "Andere maatregel", "Another measure", "Autre mesure";
    OutcomeStopped => "Gestopt", "Stopped", "Arrêté";
    EndTrajectory => "Traject afsluiten", "End trajectory", "Clôturer le trajet";
    Saved => "Bewaard.", "Saved.", "Enregistré.";
    HoursThisMonth => "Deze maand", "This month", "Ce mois-ci";
    HoursThisYear => "Dit jaar", "This year", "Cette année";
    InvalidAssignment => "Deze opdracht kan je nu niet starten.", "You cannot start this assignment now.", "Vous ne pouvez pas commencer cette mission maintenant.";
    // Errors without numbers in them.
    ErrNotLoggedIn => "Je bent niet aangemeld. Meld je opnieuw aan.", "You are not logged in. Please log in again.", "Vous n’êtes plus connecté. Connectez-vous à nouveau.";
    ErrWrongLogin => "Dit e-mailadres of wachtwoord klopt niet. Probeer opnieuw.", "This email address or password is not right. Try again.", "L’adresse e-mail ou le mot de passe n’est pas correct. Réessayez.";
    ErrForbidden => "Dit mag je niet doen met jouw account.", "Your account is not allowed to do this.", "Votre compte ne permet pas de faire ceci.";
    ErrNotFound => "Dit bestaat niet (meer), of het is niet van jou.", "This does not exist (any more), or it is not yours.", "Ceci n’existe pas (ou plus), ou ce n’est pas à vous.";
    ErrAlreadyRunning => "Je bent al aan het werken. Stop eerst de lopende tijd.", "You are already working. Stop the running time first.", "Vous êtes déjà en train de travailler. Arrêtez d’abord le temps en cours.";
    ErrNotRunning => "Deze tijd is al gestopt. Je uren zijn bewaard.", "This time was already stopped. Your hours are saved.", "Ce temps est déjà arrêté. Vos heures sont enregistrées.";
    ErrOfferNotOpen => "Deze aanbieding is niet meer open: ze werd ingetrokken of al beantwoord.", "This offer is no longer open: it was withdrawn or answered already.", "Cette offre n’est plus ouverte : elle a été retirée ou elle a déjà reçu une réponse.";
    ErrTooLateToCancel => "Annuleren kan alleen in de eerste 5 minuten. Druk op Stop; je bemiddelaar kan de tijd nog verbeteren.", "You can only cancel in the first 5 minutes. Press Stop; your coordinator can still correct the time.", "Vous pouvez annuler seulement dans les 5 premières minutes. Appuyez sur « Arrêter » ; votre accompagnateur peut encore corriger le temps.";
    ErrAlreadyDecided => "Deze prestatie is al bevestigd of betwist.", "This work was already confirmed or disputed.", "Cette prestation est déjà confirmée ou contestée.";
    ErrTapTime => "De tijd op je telefoon klopte niet. Je bemiddelaar kijkt dit na.", "The time on your phone was not right. Your coordinator will check this.", "L'heure de votre téléphone n'était pas juste. Votre accompagnateur va vérifier.";
    ErrBusy => "Het is nu erg druk. Er is niets veranderd. Probeer het over een minuut opnieuw.", "It is very busy right now. Nothing was changed. Please try again in a minute.", "Il y a beaucoup de monde en ce moment. Rien n’a été changé. Réessayez dans une minute.";
    ErrUnavailable => "Er ging iets mis bij ons. Er is niets veranderd. Probeer het straks opnieuw.", "Something went wrong on our side. Nothing was changed. Please try again later.", "Un problème est survenu chez nous. Rien n’a été changé. Réessayez plus tard.";
    ErrMonthLimitReached => "Je hebt deze maand al 60 uur gewerkt. Meer mag niet. Volgende maand kan je weer werken.", "You have already worked 60 hours this month. More is not allowed. You can work again next month.", "Vous avez déjà travaillé 60 heures ce mois-ci. Vous ne pouvez pas travailler plus. Le mois prochain, vous pourrez de nouveau travailler.";
    StatusCorrected => "Gecorrigeerd", "Corrected", "Corrigé";
    StatusRejected => "Afgewezen", "Rejected", "Refusé";
    NavToday => "Vandaag", "Today", "Aujourd’hui";
    NavAssignments => "Opdrachten", "Assignments", "Missions";
    NavHours => "Mijn uren", "My hours", "Mes heures";
    NavProfile => "Profiel", "Profile", "Profil";
    MainMenu => "Hoofdmenu", "Main menu", "Menu principal";
    Pause => "Pauze", "Pause", "Pause";
    Resume => "Verder", "Continue", "Reprendre";
    OnPause => "Je hebt pauze. Druk op Verder als je weer werkt.", "You are on a break. Press Continue when you work again.", "Vous êtes en pause. Appuyez sur « Reprendre » quand vous recommencez à travailler.";
    ShowOnMap => "Toon op de kaart", "Show on the map", "Voir sur la carte";
    NextAssignment => "Je volgende opdracht", "Your next assignment", "Votre prochaine mission";
    UpcomingTitle => "Gepland", "Planned", "Prévu";
    PastTitle => "Gedaan", "Done", "Terminé";
    NoOffers => "Er zijn geen nieuwe aanbiedingen.", "There are no new offers.", "Il n’y a pas de nouvelles offres.";
    NoUpcoming => "Er is niets gepland.", "Nothing is planned.", "Rien n’est prévu.";
    NoPast => "Nog geen opdrachten gedaan.", "No assignments done yet.", "Pas encore de mission terminée.";
    Back => "Terug", "Back", "Retour";
    HoursOnAssignment => "Jouw uren op deze opdracht", "Your hours on this assignment", "Vos heures pour cette mission";
    OfferDeclined => "Geweigerd. Je bemiddelaar weet het.", "Declined. Your coordinator knows.", "Refusé. Votre accompagnateur est prévenu.";
    AllowanceTitle => "Jouw vergoeding deze maand (schatting)", "Your allowance this month (estimate)", "Votre indemnité ce mois-ci (estimation)";
    AllowanceHint => "Dit is wat je bevestigde prestaties nu opleveren. Je krijgt het als de organisatie de maand uitbetaalt.", "This is what your confirmed prestaties earn now. You get it when the organisation pays the month.", "C’est ce que vos prestations confirmées rapportent maintenant. Vous le recevez quand l’organisation paie le mois.";
    NothingConfirmedYet => "Nog niets bevestigd deze maand.", "Nothing confirmed this month yet.", "Rien de confirmé ce mois-ci.";
    LogoutWaits => "Je telefoon heeft nog acties die niet verzonden zijn. Afmelden kan zodra alles verzonden is.", "Your phone still holds actions that were not sent. You can log out once everything is sent.", "Votre téléphone a encore des actions non envoyées. Vous pourrez vous déconnecter dès que tout est envoyé.";
    OfflineTitle => "Geen verbinding", "No connection", "Pas de connexion";
    OfflineText => "Deze pagina is niet op je telefoon bewaard. Je werk van vandaag en je uren wel: open Vandaag.", "This page is not kept on your phone. Your work for today and your hours are: open Today.", "Cette page n’est pas gardée sur votre téléphone. Votre travail du jour et vos heures, si : ouvrez Aujourd’hui.";
    ToMyWork => "Naar Vandaag", "To Today", "Vers Aujourd’hui";
    ChequesBought => "Gekocht", "Bought", "Achetés";
    ChequesUsed => "Gebruikt", "Used", "Utilisés";
    ChequesExpiredColumn => "Vervallen", "Expired", "Expirés";
    NoChequesThisYear => "Nog geen cheques dit jaar.", "No cheques this year yet.", "Pas encore de chèques cette année.";
    WaitingForChequesTitle => "Wacht op cheques", "Waiting for cheques", "En attente de chèques";
    NobodyWaitsForCheques => "Geen prestaties die op cheques wachten.", "No prestaties waiting for cheques.", "Aucune prestation n’attend de chèques.";
    RefusedActionsTitle => "Acties van telefoons die niet konden", "Phone actions that could not be done", "Actions des téléphones impossibles";
    NoRefusedActions => "Niets te bekijken.", "Nothing to review.", "Rien à examiner.";
    Offline => "Offline", "Offline", "Hors ligne";
    ServerBusy => "Even druk: je telefoon probeert het zo opnieuw", "Busy for a moment: your phone tries again shortly", "Un moment chargé : votre téléphone réessaie bientôt";
    AllSent => "Alles is verzonden.", "Everything was sent.", "Tout a été envoyé.";
    NotDone => "Niet gelukt:", "Not done:", "Pas fait :";
    Understood => "OK, gezien", "OK, seen", "OK, vu";
    NewVersion => "Nieuwe versie van de app.", "New version of the app.", "Nouvelle version de l’application.";
    Refresh => "Vernieuwen", "Refresh", "Actualiser";
    SavedOnPhone => "Bewaard op je telefoon. Wordt verzonden zodra er verbinding is.", "Saved on your phone. It is sent as soon as there is a connection.", "Enregistré sur votre téléphone. Envoyé dès qu’il y a une connexion.";
    EnterHours => "Uren ingeven", "Enter hours", "Encoder des heures";
    EnterHoursTitle => "Uren achteraf ingeven", "Enter hours afterwards", "Encoder des heures après coup";
    ChangeEntryTitle => "Uren verbeteren", "Correct hours", "Corriger des heures";
    ChangeEntry => "Verbeter", "Correct", "Corriger";
    FieldAssignment => "Opdracht", "Assignment", "Mission";
    FieldDate => "Datum", "Date", "Date";
    FieldStart => "Begonnen om", "Started at", "Commencé à";
    FieldEnd => "Gestopt om", "Stopped at", "Arrêté à";
    FieldPause => "Pauze (minuten)", "Break (minutes)", "Pause (minutes)";
    FieldKm => "Kilometers heen en terug", "Kilometres, round trip", "Kilomètres aller-retour";
    FieldNote => "Opmerking (mag je leeg laten)", "Note (you may leave this empty)", "Remarque (vous pouvez laisser vide)";
    FieldReason => "Waarom verander je dit? (nodig na de dag zelf)", "Why do you change this? (needed after the day itself)", "Pourquoi changez-vous ceci ? (obligatoire après le jour même)";
    Save => "Bewaar", "Save", "Enregistrer";
    HoursSaved => "Bewaard. Je gebruiker moet het nog bevestigen.", "Saved. Your client still has to confirm it.", "Enregistré. Votre utilisateur doit encore confirmer.";
    NoEnterable => "Je hebt geen opdracht waarop je uren kan ingeven.", "You have no assignment to enter hours on.", "Vous n’avez pas de mission pour laquelle encoder des heures.";
    EntriesTitle => "Jouw prestaties", "Your work", "Vos prestations";
    NoEntries => "Nog geen prestaties.", "No work yet.", "Pas encore de prestations.";
    ProfileTitle => "Profiel", "Profile", "Profil";
    LanguageTitle => "Taal", "Language", "Langue";
    FileViewsTitle => "Wie bekeek dit dossier", "Who looked at this file", "Qui a consulté ce dossier";
    FileViewsIntro => "Elke keer dat iemand dit dossier of een lijst met deze naam opent, staat hier wie en wanneer. De persoon ziet dit ook.", "Each time someone opens this file or a list with this name, it shows here who and when. The person sees this too.", "Chaque fois que quelqu’un ouvre ce dossier ou une liste avec ce nom, on voit ici qui et quand. La personne le voit aussi.";
    MyFileViewsTitle => "Wie bekeek je gegevens", "Who looked at your details", "Qui a consulté vos données";
    MyFileViewsIntro => "Je bemiddelaar bekijkt je gegevens om je te helpen. Hier zie je wie dat deed en wanneer.", "Your coordinator looks at your details to help you. Here you see who did and when.", "Votre accompagnateur consulte vos données pour vous aider. Vous voyez ici qui l’a fait et quand.";
    NoFileViews => "Nog niemand.", "Nobody yet.", "Personne pour l’instant.";
    SeenFile => "dossier bekeken", "looked at the file", "a consulté le dossier";
    SeenCheques => "cheques bekeken", "looked at the cheques", "a consulté les chèques";
    SeenAllowanceMonth => "lijst met vergoedingen bekeken", "looked at the allowance list", "a consulté la liste des indemnités";
    PersonDataIntro => "Vraagt de persoon om al zijn of haar gegevens (AVG)? Download ze hier in één zip-bestand (JSON en CSV) en geef ze veilig door.", "Does the person ask for all their data (GDPR)? Download it here as one zip file (JSON and CSV) and hand it over safely.", "La personne demande toutes ses données (RGPD) ? Téléchargez-les ici dans un fichier zip (JSON et CSV) et transmettez-les de façon sûre.";
    PersonDataDownload => "Alle gegevens downloaden", "Download all data", "Télécharger toutes les données";
    SeenReport => "rapport per gemeente met namen bekeken", "looked at the report per municipality with names", "a consulté le rapport par commune avec les noms";
    InvalidExtension => "Een verlenging geldt voor cheques uitgegeven tot een dag die voorbij is, en maakt ze 13 tot 36 maanden geldig.", "An extension covers cheques issued up to a day that has passed, and makes them valid 13 to 36 months.", "Une prolongation couvre les chèques émis jusqu’à un jour passé et les rend valables de 13 à 36 mois.";
    InvalidExtensionReason => "Schrijf welk besluit de geldigheid verlengt (3 tot 500 tekens).", "Write which order extends the validity (3 to 500 characters).", "Indiquez quel arrêté prolonge la validité (3 à 500 caractères).";
    InvalidStatement => "Dit bestand kan niet gelezen worden als afrekening: kies een CSV- of Excel-bestand met een kopregel en minstens één lijn.", "This file cannot be read as a statement: choose a CSV or Excel file with a header and at least one line.", "Ce fichier ne peut pas être lu comme relevé : choisissez un fichier CSV ou Excel avec une ligne d’en-tête et au moins une ligne.";
    InvalidChequeNumber => "Een chequenummer heeft 6 tot 24 letters en cijfers.", "A cheque number has 6 to 24 letters and digits.", "Un numéro de chèque a 6 à 24 lettres et chiffres.";
    InvalidChequeCount => "Vul zoveel chequenummers in als de prestatie cheques kost.", "Fill in as many cheque numbers as the prestatie costs cheques.", "Indiquez autant de numéros de chèque que la prestation coûte de chèques.";
    InvalidAmount => "Vul een bedrag in euro in, bijvoorbeeld 1234,50.", "Fill in an amount in euro, for example 1234.50.", "Indiquez un montant en euros, par exemple 1234,50.";
    ToCheques => "Cheques", "Cheques", "Chèques";
    ErrPaidOnPaper => "Deze prestatie is betaald met papieren cheques die al bij de uitgever zijn: corrigeren of afwijzen kan niet meer.", "This prestatie was paid with paper cheques that are with the issuer: it can no longer be corrected or rejected.", "Cette prestation a été payée avec des chèques papier déjà chez l’émetteur : elle ne peut plus être corrigée ni refusée.";
    StatementTitle => "Afrekening van de uitgever inlezen", "Read in the issuer's statement", "Lire le relevé de l’émetteur";
    StatementIntro => "Een CSV- of Excel-bestand met een kopregel en per aankoop een lijn: aankoopdatum, gebruikersnummer, aantal, prijs, en als ze er zijn geldig tot en referentie. Daarna kies je welke kolom wat is. Hetzelfde bestand twee keer voegt niets toe.", "A CSV or Excel file with a header and a line per purchase: purchase date, user number, number, price, and when there are valid until and reference. Then you choose which column is what. The same file twice adds nothing.", "Un fichier CSV ou Excel avec une ligne d’en-tête et une ligne par achat : date d’achat, numéro d’utilisateur, nombre, prix, et s’il y en a valable jusqu’au et référence. Ensuite vous choisissez quelle colonne est quoi. Le même fichier deux fois n’ajoute rien.";
    FieldStatementFile => "Bestand van de uitgever (CSV of XLSX)", "The issuer's file (CSV or XLSX)", "Fichier de l’émetteur (CSV ou XLSX)";
    ReadStatement => "Bestand lezen", "Read the file", "Lire le fichier";
    ImportsTitle => "Ingelezen afrekeningen", "Statements read in", "Relevés lus";
    ChooseColumns => "Welke kolom is wat?", "Which column is what?", "Quelle colonne est quoi ?";
    NotInFile => "niet in het bestand", "not in the file", "pas dans le fichier";
    ColPurchaseDate => "Aankoopdatum", "Purchase date", "Date d’achat";
    ColClientNumber => "Gebruikersnummer", "User number", "Numéro d’utilisateur";
    ColPrice => "Prijs per cheque", "Price per cheque", "Prix par chèque";
    ColValidUntil => "Geldig tot", "Valid until", "Valable jusqu’au";
    ColReference => "Referentie", "Reference", "Référence";
    ImportStatement => "Inlezen", "Read in", "Lire";
    StatementRefused => "Niets ingelezen: deze lijnen kloppen niet. Verbeter het bestand en lees het opnieuw in.", "Nothing read in: these lines are not right. Correct the file and read it in again.", "Rien n’a été lu : ces lignes ne sont pas correctes. Corrigez le fichier et relisez-le.";
    ProblemDate => "geen geldige aankoopdatum (niet in de toekomst, niet voor 2018)", "not a valid purchase date (not in the future, not before 2018)", "pas une date d’achat valable (pas dans le futur, pas avant 2018)";
    ProblemCheques => "geen aantal van 1 tot 10 000", "not a number from 1 to 10,000", "pas un nombre de 1 à 10 000";
    ProblemValidUntil => "geldig tot ligt niet na de aankoopdatum", "valid until is not after the purchase date", "valable jusqu’au n’est pas après la date d’achat";
    ProblemReference => "referentie te lang of twee keer in het bestand", "reference too long or twice in the file", "référence trop longue ou deux fois dans le fichier";
    ProblemColumns => "te weinig kolommen", "too few columns", "trop peu de colonnes";
    EnterPaperCheques => "Papieren cheques ingeven", "Enter paper cheques", "Encoder des chèques papier";
    PaperChequesTitle => "Papieren cheques", "Paper cheques", "Chèques papier";
    PaperChequesIntro => "Gaf de gebruiker je papieren wijk-werkcheques voor dit werk? Typ het nummer van elke cheque, of scan de streepjescode.", "Did the user give you paper wijk-werk cheques for this work? Type the number of each cheque, or scan its barcode.", "L’utilisateur vous a-t-il donné des chèques wijk-werk papier pour ce travail ? Tapez le numéro de chaque chèque ou scannez le code-barres.";
    ScanCheque => "Scannen", "Scan", "Scanner";
    SaveChequeNumbers => "Cheques bewaren", "Save cheques", "Enregistrer les chèques";
    CloseHandIn => "Borderel afsluiten (verstuurd)", "Close the list (sent)", "Clôturer le bordereau (envoyé)";
    DownloadPdf => "Download PDF", "Download PDF", "Télécharger PDF";
    ReconciliationTitle => "Wat de uitgever betaalt", "What the issuer pays", "Ce que l’émetteur paie";
    ReconciliationIntro => "Per maand: de elektronische cheques die prestaties betaalden en de papieren cheques van het borderel, naast wat de uitgever betaalde. Een verschil onder nul is wat hij nog moet.", "Per month: the electronic cheques that paid prestaties and the paper cheques of the hand-in list, beside what the issuer paid. A difference below zero is what it still owes.", "Par mois : les chèques électroniques qui ont payé des prestations et les chèques papier du bordereau, à côté de ce que l’émetteur a payé. Une différence négative est ce qu’il doit encore.";
    ColMonth => "Maand", "Month", "Mois";
    ColElectronic => "Elektronisch", "Electronic", "Électronique";
    ColPaper => "Papier", "Paper", "Papier";
    ColShould => "Te krijgen", "Due", "À recevoir";
    ColPaid => "Betaald", "Paid", "Payé";
    ColDifference => "Verschil", "Difference", "Différence";
    IssuerPaymentTitle => "Betaling van de uitgever ingeven", "Enter a payment of the issuer", "Encoder un paiement de l’émetteur";
    FieldAmount => "Bedrag (euro)", "Amount (euro)", "Montant (euros)";
    FieldReference => "Referentie (mag leeg)", "Reference (may be empty)", "Référence (peut être vide)";
    SaveIssuerPayment => "Betaling bewaren", "Save payment", "Enregistrer le paiement";
    ExtensionTitle => "Verlengde geldigheid", "Extended validity", "Validité prolongée";
    ExtensionIntro => "Een besluit kan cheques langer geldig maken (zoals in 2020 en 2021). Dat wordt een nieuw feit voor de aankopen tot die dag; wat al vervallen is, blijft vervallen.", "An order can make cheques valid longer (as in 2020 and 2021). That becomes a new fact for the purchases up to that day; what expired already stays expired.", "Un arrêté peut prolonger la validité des chèques (comme en 2020 et 2021). Cela devient un fait nouveau pour les achats jusqu’à ce jour ; ce qui a déjà expiré reste expiré.";
    FieldIssuedUpTo => "Voor cheques uitgegeven tot en met", "For cheques issued up to and including", "Pour les chèques émis jusqu’au";
    FieldValidMonths => "Geldig (maanden na uitgifte)", "Valid (months after issue)", "Valables (mois après émission)";
    FieldExtensionReason => "Besluit (bijvoorbeeld MB 19-4-2021)", "Order (for example MB 19-4-2021)", "Arrêté (par exemple AM 19-4-2021)";
    SaveExtension => "Verlenging bewaren", "Save extension", "Enregistrer la prolongation";
    SeenPaymentRun => "uitbetaling bekeken", "looked at the payment run", "a consulté le paiement";
    SeenPaymentFile => "bankbestand of afrekening van een uitbetaling gedownload", "downloaded a payment run's bank file or statement", "a téléchargé le fichier bancaire ou le décompte d’un paiement";
    ToPayments => "Uitbetaling", "Payments", "Paiements";
    PaymentsTitle => "Uitbetaald", "Paid", "Payé";
    NoPaymentsYet => "Nog geen uitbetaling.", "No payment yet.", "Pas encore de paiement.";
    PaymentRunIntro => "Per wijk-werker: de bevestigde prestaties van de maand, met de tarieven van hun dag, en wat van vroegere maanden te laat bevestigd of na betaling aangepast is (plus of min). Afsluiten maakt het bankbestand en een afrekening per wijk-werker; daarna verandert er niets meer aan: wat later verandert, komt in de volgende uitbetaling.", "Per worker: the month's confirmed prestaties, at the rates of their day, and what of earlier months was confirmed late or changed after payment (plus or minus). Closing makes the bank file and a statement per worker; after that nothing changes: what changes later goes into the next run.", "Par travailleur : les prestations confirmées du mois, aux tarifs de leur jour, et ce qui, des mois précédents, a été confirmé tard ou modifié après paiement (plus ou moins). Clôturer crée le fichier bancaire et un décompte par travailleur ; ensuite plus rien ne change : ce qui change plus tard va dans le paiement suivant.";
    RunOpen => "Nog niet afgesloten.", "Not closed yet.", "Pas encore clôturé.";
    RunMonthNotOver => "Deze maand is nog niet voorbij: afsluiten kan vanaf de eerste dag van de volgende maand.", "This month is not over yet: it can be closed from the first day of next month.", "Ce mois n’est pas encore terminé : la clôture est possible dès le premier jour du mois suivant.";
    RunLaterClosed => "Een latere maand is al afgesloten: wat hier nog open staat, zit in de volgende uitbetaling.", "A later month is closed already: what is open here goes into the next run.", "Un mois ultérieur est déjà clôturé : ce qui reste ouvert ici va dans le paiement suivant.";
    RunNoAccount => "Vul eerst het rekeningnummer en de BIC van de organisatie in (Instellingen).", "First fill in the organisation's account number and BIC (Settings).", "Indiquez d’abord le numéro de compte et le BIC de l’organisation (Paramètres).";
    RunNothingToPay => "Er is niets over te schrijven.", "There is nothing to transfer.", "Il n’y a rien à virer.";
    NothingToPayThisRun => "Geen bevestigde prestaties die nog betaald moeten worden.", "No confirmed prestaties left to pay.", "Aucune prestation confirmée à payer.";
    NoIbanWaits => "Geen geldig rekeningnummer: niet in het bankbestand. Het bedrag wacht op de volgende uitbetaling.", "No valid account number: not in the bank file. The amount waits for the next run.", "Pas de numéro de compte valable : pas dans le fichier bancaire. Le montant attend le paiement suivant.";
    NothingToPayWaits => "Niets te betalen: de correcties nemen meer terug dan de maand geeft. Het wacht op de volgende uitbetaling.", "Nothing to pay: the corrections take back more than the month gives. It waits for the next run.", "Rien à payer : les corrections reprennent plus que ce que le mois donne. Cela attend le paiement suivant.";
    ThisMonth => "Deze maand", "This month", "Ce mois-ci";
    Corrections => "Correcties", "Corrections", "Corrections";
    DownloadSepa => "Download bankbestand (SEPA XML)", "Download bank file (SEPA XML)", "Télécharger le fichier bancaire (SEPA XML)";
    DownloadStatement => "Afrekening (PDF)", "Statement (PDF)", "Décompte (PDF)";
    CloseRunIntro => "Afsluiten kan maar één keer. Kijk de bedragen na.", "Closing can be done only once. Check the amounts.", "La clôture ne se fait qu’une fois. Vérifiez les montants.";
    CloseRun => "Uitbetaling afsluiten", "Close the payment run", "Clôturer le paiement";
    IbanTitle => "Rekeningnummer", "Account number", "Numéro de compte";
    NoIbanYet => "Nog geen rekeningnummer.", "No account number yet.", "Pas encore de numéro de compte.";
    FieldIban => "IBAN (BE…)", "IBAN (BE…)", "IBAN (BE…)";
    SaveIban => "Rekeningnummer bewaren", "Save account number", "Enregistrer le numéro de compte";
    BankAccountTitle => "Rekening van de organisatie", "The organisation's account", "Compte de l’organisation";
    BankAccountIntro => "Van deze rekening vertrekken de overschrijvingen van de uitbetaling.", "The payment run's transfers leave from this account.", "Les virements du paiement partent de ce compte.";
    FieldBic => "BIC", "BIC", "BIC";
    SaveBankAccount => "Rekening bewaren", "Save account", "Enregistrer le compte";
    InvalidIban => "Dit is geen geldig Belgisch rekeningnummer: BE en 14 cijfers, bijvoorbeeld BE68 5390 0754 7034.", "This is not a valid Belgian account number: BE and 14 digits, for example BE68 5390 0754 7034.", "Ce n’est pas un numéro de compte belge valable : BE et 14 chiffres, par exemple BE68 5390 0754 7034.";
    InvalidOrganisationIban => "Vul eerst het rekeningnummer en de BIC van de organisatie in (Instellingen).", "First fill in the organisation's account number and BIC (Settings).", "Indiquez d’abord le numéro de compte et le BIC de l’organisation (Paramètres).";
    InvalidBic => "Een BIC heeft 8 of 11 letters en cijfers, bijvoorbeeld GEBABEBB.", "A BIC has 8 or 11 letters and digits, for example GEBABEBB.", "Un BIC a 8 ou 11 lettres et chiffres, par exemple GEBABEBB.";
    SeenReportExport => "rapport per gemeente met namen gedownload", "downloaded the report per municipality with names", "a téléchargé le rapport par commune avec les noms";
    SeenDataExport => "alle gegevens gedownload (op vraag van de persoon)", "downloaded all data (at the person’s request)", "a téléchargé toutes les données (à la demande de la personne)";
    SeenAllowanceExport => "lijst met vergoedingen gedownload", "downloaded the allowance list", "a téléchargé la liste des indemnités";
    InvalidRetentionMonths => "Kies een bewaartermijn van 6 tot 120 maanden.", "Choose a retention of 6 to 120 months.", "Choisissez une durée de conservation de 6 à 120 mois.";
    RetentionTitle => "Bewaartermijn", "Retention", "Durée de conservation";
    RetentionIntro => "Zo lang na het einde van een traject, of na het laatste werk van een gebruiker, blijven namen en contactgegevens bewaard. Daarna worden ze automatisch gewist; de cijfers in de rapporten blijven kloppen.", "This long after a trajectory ends, or after a gebruiker’s last work, names and contact details are kept. Then they are erased automatically; the report figures stay right.", "Les noms et coordonnées sont gardés aussi longtemps après la fin d’un trajet ou le dernier travail d’un utilisateur. Ensuite ils sont effacés automatiquement ; les chiffres des rapports restent justes.";
    FieldRetentionMonths => "Maanden", "Months", "Mois";
    InvalidSecondFactorCode => "Deze code klopt niet of is al gebruikt. Typ de code die je app nu toont, of een herstelcode.", "This code is not right or was used already. Type the code your app shows now, or a recovery code.", "Ce code n’est pas correct ou a déjà été utilisé. Tapez le code que votre application affiche maintenant, ou un code de secours.";
    ErrSecondFactorOn => "Tweestapsverificatie staat al aan.", "Two-step verification is on already.", "La vérification en deux étapes est déjà activée.";
    SecondFactorTitle => "Tweestapsverificatie", "Two-step verification", "Vérification en deux étapes";
    SecondFactorWhy => "Bemiddelaars zien de dossiers van veel mensen. Met een code uit een app op je telefoon kan niemand met alleen je wachtwoord binnen.", "Coordinators see many people’s files. With a code from an app on your phone, nobody gets in with your password alone.", "Les accompagnateurs voient les dossiers de beaucoup de personnes. Avec un code d’une application sur votre téléphone, personne n’entre avec votre seul mot de passe.";
    SecondFactorOff => "Tweestapsverificatie staat uit.", "Two-step verification is off.", "La vérification en deux étapes est désactivée.";
    SecondFactorRequired => "Verplicht voor alle bemiddelaars en beheerders van de organisatie", "Mandatory for all coordinators and admins of the organisation", "Obligatoire pour tous les accompagnateurs et administrateurs de l’organisation";
    LoginCodeIntro => "Typ de code van 6 cijfers die je app nu toont. Telefoon kwijt? Typ een van je herstelcodes.", "Type the 6-digit code your app shows now. Lost your phone? Type one of your recovery codes.", "Tapez le code à 6 chiffres que votre application affiche maintenant. Téléphone perdu ? Tapez un de vos codes de secours.";
    FieldSecondFactorCode => "Code", "Code", "Code";
    EnrolTitle => "Tweestapsverificatie instellen", "Set up two-step verification", "Configurer la vérification en deux étapes";
    EnrolInstallApp => "Installeer een app voor codes op je telefoon, bijvoorbeeld FreeOTP, Google Authenticator of Microsoft Authenticator.", "Install an app for codes on your phone, for example FreeOTP, Google Authenticator or Microsoft Authenticator.", "Installez une application de codes sur votre téléphone, par exemple FreeOTP, Google Authenticator ou Microsoft Authenticator.";
    EnrolScan => "Scan deze QR-code met de app.", "Scan this QR code with the app.", "Scannez ce code QR avec l’application.";
    EnrolQrLabel => "QR-code voor de app", "QR code for the app", "Code QR pour l’application";
    EnrolKey => "Lukt scannen niet? Typ dan deze sleutel in de app:", "Scanning does not work? Then type this key in the app:", "Le scan ne marche pas ? Tapez alors cette clé dans l’application :";
    EnrolRecoveryCodes => "Schrijf deze herstelcodes op en bewaar ze op een veilige plek. Elke code werkt één keer, als je je telefoon niet hebt.", "Write down these recovery codes and keep them somewhere safe. Each code works once, when you do not have your phone.", "Notez ces codes de secours et gardez-les en lieu sûr. Chaque code fonctionne une fois, si vous n’avez pas votre téléphone.";
    EnrolFirstCode => "De code die de app nu toont", "The code the app shows now", "Le code que l’application affiche maintenant";
    EnrolConfirm => "Aanzetten", "Turn on", "Activer";
    ChangePassword => "Wachtwoord veranderen", "Change password", "Changer de mot de passe";
    CurrentPassword => "Huidig wachtwoord", "Current password", "Mot de passe actuel";
    NewPassword => "Nieuw wachtwoord (minstens 12 tekens)", "New password (at least 12 characters)", "Nouveau mot de passe (au moins 12 caractères)";
    PasswordChanged => "Je wachtwoord is veranderd.", "Your password has been changed.", "Votre mot de passe a été changé.";
    InvalidCurrentPassword => "Je huidige wachtwoord klopt niet.", "Your current password is not right.", "Votre mot de passe actuel n’est pas correct.";
    InvalidChangeReason => "Schrijf kort waarom je dit verandert (minstens 3 tekens, hoogstens 500).", "Write briefly why you change this (at least 3 characters, at most 500).", "Écrivez en quelques mots pourquoi vous changez ceci (au moins 3 caractères, au plus 500).";
    InvalidNote => "Je opmerking is te lang (hoogstens 500 tekens).", "Your note is too long (at most 500 characters).", "Votre remarque est trop longue (500 caractères au plus).";
    ErrEntryLocked => "Deze uren zijn al bevestigd of worden nagekeken. Vraag je bemiddelaar om ze te verbeteren.", "These hours are already confirmed or being checked. Ask your coordinator to correct them.", "Ces heures sont déjà confirmées ou en cours de vérification. Demandez à votre accompagnateur de les corriger.";
    ErrPauseState => "Dat is al gebeurd op een ander toestel. Kijk naar de klok hierboven.", "That already happened on another device. Look at the clock above.", "C’est déjà fait sur un autre appareil. Regardez l’horloge ci-dessus.";
    ErrInFuture => "Je kan geen uren ingeven die nog moeten komen. Geef ze in als het werk gedaan is.", "You cannot enter hours that are still to come. Enter them when the work is done.", "Vous ne pouvez pas encoder des heures qui ne sont pas encore passées. Encodez-les quand le travail est fait.";
    ErrEndNotAfterStart => "Het einde moet na het begin liggen.", "The end must be after the start.", "La fin doit être après le début.";
    ErrPauseTooLong => "De pauze moet korter zijn dan de tijd tussen begin en einde.", "The break must be shorter than the time between start and end.", "La pause doit être plus courte que le temps entre le début et la fin.";
    ErrTooLong => "Eén prestatie duurt hoogstens 12 uur.", "One piece of work lasts at most 12 hours.", "Une prestation dure 12 heures au maximum.";
    ErrKm => "Vul tussen 0 en 500 kilometer in.", "Fill in between 0 and 500 kilometres.", "Indiquez entre 0 et 500 kilomètres.";
    // Short day names, Monday first, and month names.
    Mon => "ma", "Mon", "lu";
    Tue => "di", "Tue", "ma";
    Wed => "wo", "Wed", "me";
    Thu => "do", "Thu", "je";
    Fri => "vr", "Fri", "ve";
    Sat => "za", "Sat", "sa";
    Sun => "zo", "Sun", "di";
    January => "januari", "January", "janvier";
    February => "februari", "February", "février";
    March => "maart", "March", "mars";
    April => "april", "April", "avril";
    May => "mei", "May", "mai";
    June => "juni", "June", "juin";
    July => "juli", "July", "juillet";
    August => "augustus", "August", "août";
    September => "september", "September", "septembre";
    October => "oktober", "October", "octobre";
    November => "november", "November", "novembre";
    December => "december", "December", "décembre";
}

messages! {
    Duration => "{h} u {mm} min", "{h} h {mm} min", "{h} h {mm} min";
    HoursOfLimit => "{used} van {limit} uur", "{used} of {limit} hours", "{used} sur {limit} heures";
    TimeLeft => "Je mag nog {time} werken.", "You may still work {time}.", "Vous pouvez encore travailler {time}.";
    ChequeBalance => "Je hebt nog {n, plural, one {# cheque} other {# cheques}}.", "You have {n, plural, one {# cheque} other {# cheques}} left.", "Il vous reste {n, plural, one {# chèque} other {# chèques}}.";
    CostsCheques => "Kost {n, plural, one {# cheque} other {# cheques}}", "Costs {n, plural, one {# cheque} other {# cheques}}", "Coûte {n, plural, one {# chèque} other {# chèques}}";
    WorkedBy => "Gewerkt door {worker}", "Worked by {worker}", "Fait par {worker}";
    MonthTotal => "{time} · {n, plural, one {# wijk-werker} other {# wijk-werkers}}", "{time} · {n, plural, one {# worker} other {# workers}}", "{time} · {n, plural, one {# travailleur wijk-werk} other {# travailleurs wijk-werk}}";
    ShortDate => "{weekday} {day}/{month}", "{weekday} {day}/{month}", "{weekday} {day}/{month}";
    SecondFactorOn => "Tweestapsverificatie staat aan. Je hebt nog {left, plural, one {# herstelcode} other {# herstelcodes}}.", "Two-step verification is on. You have {left, plural, one {# recovery code} other {# recovery codes}} left.", "La vérification en deux étapes est activée. Il vous reste {left, plural, one {# code de secours} other {# codes de secours}}.";
    MonthOfYear => "{month} {year}", "{month} {year}", "{month} {year}";
    NotEnoughCheques => "Je hebt niet genoeg wijk-werkcheques: je hebt er {balance}, je hebt er {needed} nodig. Koop eerst cheques bij.", "You do not have enough cheques: you have {balance}, you need {needed}. Please buy cheques first.", "Vous n’avez pas assez de chèques wijk-werk : vous en avez {balance}, il vous en faut {needed}. Achetez d’abord des chèques.";
    ChequesCount => "{n, plural, one {# cheque} other {# cheques}}", "{n, plural, one {# cheque} other {# cheques}}", "{n, plural, one {# chèque} other {# chèques}}";
    RequestCounts => "{open} open · {accepted} aanvaard · {declined} geweigerd", "{open} open · {accepted} accepted · {declined} declined", "{open} ouvertes · {accepted} acceptées · {declined} refusées";
    WeekOf => "Week van {day}", "Week of {day}", "Semaine du {day}";
    FeePaidLine => "{year}: betaald op {day}", "{year}: paid on {day}", "{year} : payé le {day}";
    OfferLineText => "{day} · {worker} · {status}", "{day} · {worker} · {status}", "{day} · {worker} · {status}";
    DeclinedBecause => "Reden: {reason}", "Reason: {reason}", "Raison : {reason}";
    AutoConfirmOn => "Geen antwoord? Dan is dit op {day} automatisch bevestigd.", "No answer? Then this is confirmed automatically on {day}.", "Pas de réponse ? Alors ceci est confirmé automatiquement le {day}.";
    WaitsForCheques => "Wacht op {n, plural, one {# cheque} other {# cheques}}", "Waits for {n, plural, one {# cheque} other {# cheques}}", "Attend {n, plural, one {# chèque} other {# chèques}}";
    OwedCheques => "{entries, plural, one {# prestatie wacht} other {# prestaties wachten}} op {cheques, plural, one {# cheque} other {# cheques}}. Koop er minstens zoveel bij je wijk-werkorganisatie.", "{entries, plural, one {# prestatie waits} other {# prestaties wait}} for {cheques, plural, one {# cheque} other {# cheques}}. Please buy at least that many from your wijk-werk organisation.", "{entries, plural, one {# prestation attend} other {# prestations attendent}} {cheques, plural, one {# chèque} other {# chèques}}. Achetez-en au moins autant auprès de votre organisation wijk-werk.";
    OwingLine => "{entries, plural, one {# prestatie bevestigd} other {# prestaties bevestigd}}, wacht op {cheques, plural, one {# cheque} other {# cheques}}", "{entries, plural, one {# prestatie confirmed} other {# prestaties confirmed}}, waiting for {cheques, plural, one {# cheque} other {# cheques}}", "{entries, plural, one {# prestation confirmée} other {# prestations confirmées}}, attend {cheques, plural, one {# chèque} other {# chèques}}";
    ChequePrice => "Eén cheque kost nu {price}.", "One cheque costs {price} now.", "Un chèque coûte maintenant {price}.";
    BatchBought => "{day}: {n, plural, one {# cheque} other {# cheques}} à {price}", "{day}: {n, plural, one {# cheque} other {# cheques}} at {price}", "{day} : {n, plural, one {# chèque} other {# chèques}} à {price}";
    BatchLeft => "Nog {n} · geldig tot {until}", "{n} left · valid until {until}", "Encore {n} · valable jusqu’au {until}";
    BatchExpired => "Vervallen: {n, plural, one {# cheque} other {# cheques}} niet gebruikt", "Expired: {n, plural, one {# cheque} other {# cheques}} not used", "Expiré : {n, plural, one {# chèque} other {# chèques}} non utilisés";
    LedgerPurchase => "Aankoop van {day}", "Purchase of {day}", "Achat du {day}";
    LedgerPayment => "Prestatie van {worker} op {day}", "Prestatie by {worker} on {day}", "Prestation de {worker} le {day}";
    LedgerExpired => "Vervallen (aankoop van {day})", "Expired (purchase of {day})", "Expiré (achat du {day})";
    LedgerRefund => "Terug: prestatie van {worker} op {day} werd gecorrigeerd of afgewezen", "Back: the prestatie by {worker} on {day} was corrected or rejected", "Rendu : la prestation de {worker} le {day} a été corrigée ou refusée";
    LedgerReversal => "Ongedaan gemaakt (aankoop van {day})", "Undone (purchase of {day})", "Annulé (achat du {day})";
    PurchaseRecorded => "Aankoop genoteerd.{settled, plural, =0 {} one { # prestatie die op cheques wachtte is nu betaald.} other { # prestaties die op cheques wachtten zijn nu betaald.}}", "Purchase recorded.{settled, plural, =0 {} one { # prestatie that waited for cheques is paid now.} other { # prestaties that waited for cheques are paid now.}}", "Achat enregistré.{settled, plural, =0 {} one { # prestation qui attendait des chèques est payée.} other { # prestations qui attendaient des chèques sont payées.}}";
    AttestTitle => "Fiscaal attest wijk-werkcheques {year}", "Tax certificate wijk-werk cheques {year}", "Attestation fiscale chèques wijk-werk {year}";
    AttestClient => "Gebruiker: {name}", "User: {name}", "Utilisateur : {name}";
    AttestClientNumber => "Gebruikersnummer: {number}", "User number: {number}", "Numéro d’utilisateur : {number}";
    ChequesPerMunicipality => "Cheques in {year} per gemeente", "Cheques in {year} per municipality", "Chèques en {year} par commune";
    AttestCheques => "Gebruikte wijk-werkcheques: {n}", "Wijk-werk cheques used: {n}", "Chèques wijk-werk utilisés : {n}";
    AttestAmount => "Betaald voor deze cheques: {amount}", "Paid for these cheques: {amount}", "Payé pour ces chèques : {amount}";
    AttestMadeOn => "Opgemaakt op {day}.", "Made on {day}.", "Établi le {day}.";
    AttestCsvHeader => "betaald op;gewerkt op;wijk-werker;activiteit;uren;cheques;bedrag (EUR)", "paid on;worked on;worker;activity;hours;cheques;amount (EUR)", "payé le;travaillé le;travailleur;activité;heures;chèques;montant (EUR)";
    AttestPdfLink => "Fiscaal attest {year} (PDF)", "Tax certificate {year} (PDF)", "Attestation fiscale {year} (PDF)";
    AttestCsvLink => "Prestaties {year} (CSV)", "Prestaties {year} (CSV)", "Prestations {year} (CSV)";
    ConfirmAllCosts => "{n, plural, one {# prestatie} other {# prestaties}} · samen {cheques, plural, one {# cheque} other {# cheques}}", "{n, plural, one {# prestatie} other {# prestaties}} · {cheques, plural, one {# cheque} other {# cheques}} together", "{n, plural, one {# prestation} other {# prestations}} · {cheques, plural, one {# chèque} other {# chèques}} au total";
    ConfirmedWaiting => "Bevestigd. Deze prestatie wacht op {n, plural, one {# cheque} other {# cheques}}: koop cheques bij je wijk-werkorganisatie.", "Confirmed. This prestatie waits for {n, plural, one {# cheque} other {# cheques}}: please buy cheques from your wijk-werk organisation.", "Confirmé. Cette prestation attend {n, plural, one {# chèque} other {# chèques}} : achetez des chèques auprès de votre organisation wijk-werk.";
    ConfirmedAllWaiting => "{n, plural, one {# prestatie wacht} other {# prestaties wachten}} op cheques.", "{n, plural, one {# prestatie waits} other {# prestaties wait}} for cheques.", "{n, plural, one {# prestation attend} other {# prestations attendent}} des chèques.";
    ConfirmedAllDone => "{n, plural, one {# prestatie} other {# prestaties}} bevestigd.", "{n, plural, one {# prestatie} other {# prestaties}} confirmed.", "{n, plural, one {# prestation confirmée} other {# prestations confirmées}}.";
    PlannedOn => "Ingepland op {days}", "Planned on {days}", "Planifiée le {days}";
    ReasonAvailable => "vrij op {n} van {of} gevraagde momenten", "free at {n} of {of} preferred moments", "libre à {n} des {of} moments demandés";
    ReasonMonthLeft => "nog {time} deze maand", "{time} left this month", "encore {time} ce mois-ci";
    ReasonEndsSoon => "traject eindigt binnen {n, plural, one {# dag} other {# dagen}}", "trajectory ends within {n, plural, one {# day} other {# days}}", "le trajet se termine dans {n, plural, one {# jour} other {# jours}}";
    ReasonLoad => "al {time} gepland de komende twee weken", "{time} already planned in the next two weeks", "déjà {time} prévus les deux prochaines semaines";
    ScoreLine => "score {score}", "score {score}", "score {score}";
    CodeValidUntil => "Geldig tot en met {day}.", "Valid up to and including {day}.", "Valable jusqu’au {day} inclus.";
    WaitsForActivationUntil => "Wacht op activatie: de code werkt tot en met {day}.", "Waiting for activation: the code works up to and including {day}.", "En attente d’activation : le code fonctionne jusqu’au {day} inclus.";
    TrajectoryLine => "{start} tot {end}", "{start} to {end}", "du {start} au {end}";
    TrajectoryEndedLine => "Afgesloten op {day}: {outcome}.", "Ended on {day}: {outcome}.", "Clôturé le {day} : {outcome}.";
    DaysLeft => "Nog {n, plural, one {# dag} other {# dagen}} traject.", "{n, plural, one {# day} other {# days}} of trajectory left.", "Encore {n, plural, one {# jour} other {# jours}} de trajet.";
    NotPlannedToday => "Deze opdracht staat op {day}. Je kan ze alleen die dag starten (of een dag ervoor of erna).", "This assignment is planned on {day}. You can only start it that day (or a day before or after).", "Cette mission est prévue le {day}. Vous pouvez la commencer seulement ce jour-là (ou un jour avant ou après).";
    TooManyAttempts => "Te veel pogingen. Wacht {minutes, plural, one {een minuut} other {# minuten}} en probeer dan opnieuw.", "Too many attempts. Wait {minutes, plural, one {a minute} other {# minutes}}, then try again.", "Trop d’essais. Attendez {minutes, plural, one {une minute} other {# minutes}} puis réessayez.";
    MonthLimitLeft => "Dit is te veel: je mag maximum 60 uur per maand werken. Deze maand mag je nog {time} werken.", "This is too much: you may work at most 60 hours a month. This month you may still work {time}.", "C’est trop : vous pouvez travailler 60 heures par mois au maximum. Ce mois-ci, vous pouvez encore travailler {time}.";
    YearLimitLeft => "Dit is te veel: je mag maximum 630 uur per jaar werken. Dit jaar mag je nog {time} werken.", "This is too much: you may work at most 630 hours a year. This year you may still work {time}.", "C’est trop : vous pouvez travailler 630 heures par an au maximum. Cette année, vous pouvez encore travailler {time}.";
    TrajectoryEnded => "Je traject is gestopt op {date}. Vraag je bemiddelaar wat je nu kan doen.", "Your trajectory ended on {date}. Ask your coordinator what you can do now.", "Votre parcours s’est terminé le {date}. Demandez à votre accompagnateur ce que vous pouvez faire maintenant.";
    TrajectoryEndsOn => "Je traject loopt tot {date} (nog {days, plural, one {# dag} other {# dagen}}).", "Your trajectory runs until {date} ({days, plural, one {# day} other {# days}} left).", "Votre parcours se termine le {date} (encore {days, plural, one {# jour} other {# jours}}).";
    TrajectoryNotStarted => "Je traject begint pas op {date}.", "Your trajectory only starts on {date}.", "Votre parcours commence seulement le {date}.";
    Overlap => "Deze uren vallen samen met andere uren van jou ({day}, {from}–{to}). Kijk je uren na.", "These hours overlap with other hours of yours ({day}, {from}–{to}). Check your hours.", "Ces heures tombent en même temps que d’autres heures à vous ({day}, {from}–{to}). Vérifiez vos heures.";
    OverlapRunning => "Deze uren vallen samen met je lopende tijd (sinds {day} {from}). Stop die eerst.", "These hours overlap with your running time (since {day} {from}). Stop it first.", "Ces heures tombent en même temps que votre temps en cours (depuis le {day} à {from}). Arrêtez-le d’abord.";
    ForgotToStop => "Ben je vergeten te stoppen? Je werk was gepland tot {time}. Druk op Stop als je klaar bent.", "Did you forget to stop? Your work was planned until {time}. Press Stop when you are done.", "Avez-vous oublié d’arrêter ? Votre travail était prévu jusqu’à {time}. Appuyez sur « Arrêter » quand vous avez fini.";
    CallClient => "Bel {name}", "Call {name}", "Appeler {name}";
    ReportPeriod => "{from} tot en met {until}", "{from} up to and including {until}", "du {from} au {until}";
    ConfirmSelected => "Geselecteerde bevestigen ({count})", "Confirm the selected ({count})", "Confirmer la sélection ({count})";
    OverLimitLeft => "{n, plural, one {# prestatie bleef staan: ze gaat} other {# prestaties bleven staan: ze gaan}} over de 60 of 630 uur van de wijk-werker. Corrigeer of wijs af.", "{n, plural, one {# prestatie was left: it passes} other {# prestaties were left: they pass}} the worker's 60 or 630 hours. Correct or reject.", "{n, plural, one {# prestation est restée : elle dépasse} other {# prestations sont restées : elles dépassent}} les 60 ou 630 heures du travailleur. Corrigez ou refusez.";
    FeeUnpaid => "Let op: het inschrijvingsgeld voor {year} ({fee}) van deze gebruiker is nog niet betaald. Dat moet vóór hij cheques bestelt.", "Note: this user's registration fee for {year} ({fee}) is not paid yet. It is due before they order cheques.", "Attention : le droit d’inscription {year} ({fee}) de cet utilisateur n’est pas encore payé. Il est dû avant la commande de chèques.";
    ChequeNumberN => "Nummer van cheque {n}", "Number of cheque {n}", "Numéro du chèque {n}";
    ExtensionLine => "Uitgegeven tot en met {day}: {months} maanden geldig ({reason})", "Issued up to and including {day}: valid {months} months ({reason})", "Émis jusqu’au {day} : valables {months} mois ({reason})";
    ImportLine => "{file} · {day} · {n, plural, one {# lijn} other {# lijnen}} · {cheques, plural, one {# cheque} other {# cheques}}", "{file} · {day} · {n, plural, one {# line} other {# lines}} · {cheques, plural, one {# cheque} other {# cheques}}", "{file} · {day} · {n, plural, one {# ligne} other {# lignes}} · {cheques, plural, one {# chèque} other {# chèques}}";
    HandInSentOn => "Verstuurd en afgesloten op {day}.", "Sent and closed on {day}.", "Envoyé et clôturé le {day}.";
    ColumnN => "kolom {n}", "column {n}", "colonne {n}";
    StatementSummary => "{file}: {n, plural, one {# lijn} other {# lijnen}} onder de kopregel.", "{file}: {n, plural, one {# line} other {# lines}} under the header.", "{file} : {n, plural, one {# ligne} other {# lignes}} sous l’en-tête.";
    StatementImportedBefore => "Dit bestand werd al ingelezen op {day}: opnieuw inlezen voegt niets toe.", "This file was read in on {day}: reading it again adds nothing.", "Ce fichier a déjà été lu le {day} : le relire n’ajoute rien.";
    StatementImported => "Ingelezen: {batches, plural, one {# aankoop} other {# aankopen}}, samen {cheques, plural, one {# cheque} other {# cheques}}.{known, plural, =0 {} one { # lijn was al gekend.} other { # lijnen waren al gekend.}}{settled, plural, =0 {} one { # prestatie die op cheques wachtte is nu betaald.} other { # prestaties die op cheques wachtten zijn nu betaald.}}", "Read in: {batches, plural, one {# purchase} other {# purchases}}, {cheques, plural, one {# cheque} other {# cheques}} together.{known, plural, =0 {} one { # line was known already.} other { # lines were known already.}}{settled, plural, =0 {} one { # prestatie that waited for cheques is paid now.} other { # prestaties that waited for cheques are paid now.}}", "Lu : {batches, plural, one {# achat} other {# achats}}, {cheques, plural, one {# chèque} other {# chèques}} au total.{known, plural, =0 {} one { # ligne était déjà connue.} other { # lignes étaient déjà connues.}}{settled, plural, =0 {} one { # prestation qui attendait des chèques est payée.} other { # prestations qui attendaient des chèques sont payées.}}";
    ProblemUnknownClient => "gebruikersnummer “{number}” is geen gebruiker van de organisatie", "user number “{number}” is not a user of the organisation", "le numéro d’utilisateur « {number} » n’est pas un utilisateur de l’organisation";
    ProblemOnLine => "Lijn {line}: {problem}", "Line {line}: {problem}", "Ligne {line} : {problem}";
    ChequeNumberUsed => "Cheque {number} werd al eens ingegeven. Een cheque telt maar één keer.", "Cheque {number} was entered before. A cheque counts only once.", "Le chèque {number} a déjà été encodé. Un chèque ne compte qu’une fois.";
    HandInTitle => "Borderel papieren wijk-werkcheques {month}", "Hand-in list of paper wijk-werk cheques {month}", "Bordereau des chèques wijk-werk papier {month}";
    HandInTotal => "{n, plural, one {# cheque} other {# cheques}} · samen {total}", "{n, plural, one {# cheque} other {# cheques}} · {total} together", "{n, plural, one {# chèque} other {# chèques}} · {total} au total";
    HandInCsvHeader => "chequenummer;gewerkt op;gebruikersnummer;gebruiker;wijk-werker;waarde (EUR)", "cheque number;worked on;user number;user;worker;value (EUR)", "numéro de chèque;presté le;numéro d’utilisateur;utilisateur;travailleur;valeur (EUR)";
    PaidForMonth => "{month}: {total} · afrekening (PDF)", "{month}: {total} · statement (PDF)", "{month} : {total} · décompte (PDF)";
    PaymentRunTitle => "Uitbetaling {month}", "Payment run {month}", "Paiement {month}";
    PaymentRunSummary => "{n, plural, one {# overschrijving} other {# overschrijvingen}} · samen {total}", "{n, plural, one {# transfer} other {# transfers}} · {total} together", "{n, plural, one {# virement} other {# virements}} · {total} au total";
    PaymentRunClosedOn => "Afgesloten op {day} om {time} door {who}.", "Closed on {day} at {time} by {who}.", "Clôturé le {day} à {time} par {who}.";
    Remittance => "Vergoeding wijk-werk {month}", "Wijk-werk allowance {month}", "Indemnité wijk-werk {month}";
    StatementTitle => "Uitbetaling vergoeding wijk-werk {month}", "Wijk-werk allowance paid for {month}", "Paiement de l’indemnité wijk-werk {month}";
    StatementAccount => "Overgeschreven op rekening {iban}", "Transferred to account {iban}", "Viré sur le compte {iban}";
    StatementTotal => "Samen: {total}", "Together: {total}", "Au total : {total}";
    StatementTakenBack => "Teruggenomen (na betaling aangepast): {line}", "Taken back (changed after payment): {line}", "Repris (modifié après paiement) : {line}";
    ConfirmedSeveral => "{count} prestaties bevestigd namens de gebruikers.", "{count} prestaties confirmed on behalf of the users.", "{count} prestations confirmées au nom des utilisateurs.";
    DisputedBecause => "Betwist: “{reason}”", "Disputed: “{reason}”", "Contestée : « {reason} »";
    EntriesCount => "{n, plural, one {# prestatie} other {# prestaties}}", "{n, plural, one {# prestatie} other {# prestaties}}", "{n, plural, one {# prestation} other {# prestations}}";
    AllowanceTitle => "Vergoedingen {month}", "Allowances {month}", "Indemnités {month}";
    RatesPerCheque => "{rate} per cheque · {km} per km als de rit heen en terug meer dan {threshold} km is", "{rate} per cheque · {km} per km when the round trip is more than {threshold} km", "{rate} par chèque · {km} par km si l’aller-retour dépasse {threshold} km";
    RatesPerMinute => "{rate} per uur, per minuut gerekend · {km} per km als de rit heen en terug meer dan {threshold} km is", "{rate} per hour, counted per minute · {km} per km when the round trip is more than {threshold} km", "{rate} par heure, comptée à la minute · {km} par km si l’aller-retour dépasse {threshold} km";
    RatesBetween => "{from} tot {to}: {rates}", "{from} to {to}: {rates}", "du {from} au {to} : {rates}";
    RatesToday => "Vandaag: {rates}.", "Today: {rates}.", "Aujourd’hui : {rates}.";
    RatesFromDay => "Vanaf {day}: {rates}", "From {day}: {rates}", "À partir du {day} : {rates}";
    MunicipalityPriceToday => "{municipality}: {price}", "{municipality}: {price}", "{municipality} : {price}";
    KmPaidOf => "{km} km ({paid} km vergoed)", "{km} km ({paid} km paid)", "{km} km ({paid} km indemnisés)";
    AllowanceTotals => "{n, plural, one {# wijk-werker} other {# wijk-werkers}} · {entries, plural, one {# prestatie} other {# prestaties}} · samen {total}", "{n, plural, one {# worker} other {# workers}} · {entries, plural, one {# prestatie} other {# prestaties}} · {total} together", "{n, plural, one {# travailleur} other {# travailleurs}} · {entries, plural, one {# prestation} other {# prestations}} · {total} au total";
    PriceToday => "Vandaag: {price} per cheque.", "Today: {price} per cheque.", "Aujourd’hui : {price} par chèque.";
    PriceFromDay => "{price} vanaf {day}", "{price} from {day}", "{price} à partir du {day}";
    Money => "€ {euros},{cents}", "€{euros}.{cents}", "{euros},{cents} €";
    AllowancePerCheque => "{n, plural, one {# cheque} other {# cheques}} × {rate} = {total}", "{n, plural, one {# cheque} other {# cheques}} × {rate} = {total}", "{n, plural, one {# chèque} other {# chèques}} × {rate} = {total}";
    AllowancePerMinute => "{time} × {rate} per uur", "{time} × {rate} per hour", "{time} × {rate} par heure";
    AllowanceKm => "{km} km × {rate} = {total}", "{km} km × {rate} = {total}", "{km} km × {rate} = {total}";
    AllowanceWaiting => "Nog niet bevestigd: {n, plural, one {# prestatie} other {# prestaties}}, samen {total} als de gebruiker bevestigt.", "Not confirmed yet: {n, plural, one {# prestatie} other {# prestaties}}, {total} together once the user confirms.", "Pas encore confirmé : {n, plural, one {# prestation} other {# prestations}}, {total} au total quand l’utilisateur confirme.";
    TravelRule => "Reiskosten: {rate} per km, als je rit heen en terug meer dan {threshold} km is.", "Travel: {rate} per km, when your round trip is more than {threshold} km.", "Déplacement : {rate} par km, si votre aller-retour dépasse {threshold} km.";
    StaffMonthLimit => "Dit gaat over de 60 uur van de wijk-werker in die maand: er is nog {time} over. Corrigeer de uren of wijs de prestatie af.", "This passes the worker's 60 hours in that month: {time} is left. Correct the hours or reject the prestatie.", "Cela dépasse les 60 heures du travailleur ce mois-là : il reste {time}. Corrigez les heures ou refusez la prestation.";
    StaffYearLimit => "Dit gaat over de 630 uur van de wijk-werker in dat jaar: er is nog {time} over. Corrigeer de uren of wijs de prestatie af.", "This passes the worker's 630 hours in that year: {time} is left. Correct the hours or reject the prestatie.", "Cela dépasse les 630 heures du travailleur cette année-là : il reste {time}. Corrigez les heures ou refusez la prestation.";
    PauseOf => "pauze {minutes} min", "break {minutes} min", "pause {minutes} min";
    KmOf => "{km} km", "{km} km", "{km} km";
    OffersWaiting => "Je hebt {n, plural, one {# nieuwe aanbieding} other {# nieuwe aanbiedingen}}. Bekijk ze bij Opdrachten.", "You have {n, plural, one {# new offer} other {# new offers}}. See them under Assignments.", "Vous avez {n, plural, one {# nouvelle offre} other {# nouvelles offres}}. Voyez-les sous Missions.";
    ActionsWaiting => "{n, plural, one {# actie nog niet verzonden} other {# acties nog niet verzonden}}. Je telefoon bewaart ze en stuurt ze zodra er verbinding is.", "{n, plural, one {# action not sent yet} other {# actions not sent yet}}. Your phone keeps them and sends them as soon as there is a connection.", "{n, plural, one {# action pas encore envoyée} other {# actions pas encore envoyées}}. Votre téléphone les garde et les envoie dès qu’il y a une connexion.";
    LastUpdated => "Laatst bijgewerkt om {time}.", "Last updated at {time}.", "Dernière mise à jour à {time}.";
    LastUpdatedOn => "Laatst bijgewerkt op {day} om {time}.", "Last updated on {day} at {time}.", "Dernière mise à jour le {day} à {time}.";
    Paused => "Pauze sinds {time}", "On a break since {time}", "En pause depuis {time}";
}

/// The plural category of `n` in `lang` (CLDR, whole numbers): Dutch and English say "one" for
/// 1 only; French for 0 and 1 ("0 chèque", "1 chèque", "2 chèques").
pub fn plural(lang: Lang, n: i64) -> &'static str {
    let one = match lang {
        Lang::Nl | Lang::En => n == 1,
        Lang::Fr => n == 0 || n == 1,
    };
    if one { "one" } else { "other" }
}

/// An argument of a message.
#[derive(Clone, Debug)]
pub enum Arg {
    Int(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

/// A message in `lang` with its arguments filled in.
pub fn message(lang: Lang, key: M, args: &[(&str, Arg)]) -> String {
    fill(lang, key.template(lang), args, None)
}

fn find_arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// The index just after the `}` that closes the `{` at `open`.
fn closing(template: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in template[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + 1;
                }
            }
            _ => {}
        }
    }
    template.len()
}

fn fill(lang: Lang, template: &str, args: &[(&str, Arg)], hash: Option<i64>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut i = 0;
    while i < template.len() {
        let rest = &template[i..];
        let c = rest.chars().next().unwrap_or_default();
        if c == '#'
            && let Some(n) = hash
        {
            out.push_str(&n.to_string());
            i += 1;
            continue;
        }
        if c != '{' {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let end = closing(template, i);
        let inner = &template[i + 1..end.saturating_sub(1)];
        let mut parts = inner.splitn(3, ',').map(str::trim);
        let name = parts.next().unwrap_or_default();
        match (parts.next(), parts.next()) {
            (Some("plural"), Some(forms)) => {
                let n = match find_arg(args, name) {
                    Some(Arg::Int(n)) => *n,
                    _ => 0,
                };
                out.push_str(&plural_form(lang, forms, n, args));
            }
            _ => match find_arg(args, name) {
                Some(Arg::Int(n)) => out.push_str(&n.to_string()),
                Some(Arg::Text(t)) => out.push_str(t),
                None => out.push_str(&template[i..end]),
            },
        }
        i = end;
    }
    out
}

/// `=0 {…} one {…} other {…}`: the form for `n` (an exact `=n` first), filled in.
fn plural_form(lang: Lang, forms: &str, n: i64, args: &[(&str, Arg)]) -> String {
    let wanted = plural(lang, n);
    let exact_key = format!("={n}");
    let mut exact = None;
    let mut chosen = None;
    let mut other = None;
    let mut i = 0;
    while let Some(open) = forms[i..].find('{').map(|o| o + i) {
        let category = forms[i..open].trim();
        let end = closing(forms, open);
        let body = &forms[open + 1..end.saturating_sub(1)];
        if category == exact_key {
            exact = Some(body);
        }
        if category == wanted {
            chosen = Some(body);
        }
        if category == "other" {
            other = Some(body);
        }
        i = end;
    }
    fill(
        lang,
        exact.or(chosen).or(other).unwrap_or_default(),
        args,
        Some(n),
    )
}

/// The language of this page, provided once by the app shell.
/// The page's language: the request's on the server; in an island, the page's `<html lang>`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(request_lang)
}

/// Fixed text in the page's language.
pub fn t(key: T) -> &'static str {
    key.text(use_lang())
}

/// "2 u 05 min" / "2 h 05 min": durations the way a timesheet shows them.
pub fn duration(lang: Lang, minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    message(
        lang,
        M::Duration,
        &[("h", h.into()), ("mm", format!("{m:02}").into())],
    )
}

/// "12 u 30 min van 60 uur" for the limit bars.
pub fn hours_of_limit(lang: Lang, used_minutes: i64, limit_minutes: i64) -> String {
    message(
        lang,
        M::HoursOfLimit,
        &[
            ("used", duration(lang, used_minutes).into()),
            ("limit", (limit_minutes / 60).into()),
        ],
    )
}

pub fn time_left(lang: Lang, minutes: i64) -> String {
    message(
        lang,
        M::TimeLeft,
        &[("time", duration(lang, minutes.max(0)).into())],
    )
}

pub fn cheque_balance(lang: Lang, cheques: i64) -> String {
    message(lang, M::ChequeBalance, &[("n", cheques.into())])
}

pub fn costs_cheques(lang: Lang, cheques: i64) -> String {
    message(lang, M::CostsCheques, &[("n", cheques.into())])
}

pub fn worked_by(lang: Lang, worker: &str) -> String {
    message(lang, M::WorkedBy, &[("worker", worker.into())])
}

pub fn month_total(lang: Lang, minutes: i64, workers: usize) -> String {
    message(
        lang,
        M::MonthTotal,
        &[
            ("time", duration(lang, minutes).into()),
            ("n", (workers as i64).into()),
        ],
    )
}

const WEEKDAYS: [T; 7] = [T::Mon, T::Tue, T::Wed, T::Thu, T::Fri, T::Sat, T::Sun];
const MONTHS: [T; 12] = [
    T::January,
    T::February,
    T::March,
    T::April,
    T::May,
    T::June,
    T::July,
    T::August,
    T::September,
    T::October,
    T::November,
    T::December,
];

/// A date as people write it here: "ma 30/11".
pub fn short_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    message(
        lang,
        M::ShortDate,
        &[
            ("weekday", weekday.text(lang).into()),
            ("day", i64::from(date.day()).into()),
            ("month", i64::from(date.month()).into()),
        ],
    )
}

/// "november 2026".
pub fn month_name(lang: Lang, year: i32, month: u32) -> String {
    let name = MONTHS[(month.clamp(1, 12) - 1) as usize];
    message(
        lang,
        M::MonthOfYear,
        &[
            ("month", name.text(lang).into()),
            ("year", i64::from(year).into()),
        ],
    )
}

/// A date on a document: "2 december 2026".
pub fn written_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = MONTHS[date.month0() as usize].text(lang);
    format!("{} {month} {}", date.day(), date.year())
}

/// "Je traject loopt tot 14/01/2027 (nog 10 dagen)."
pub fn trajectory_ends(lang: Lang, last_day: chrono::NaiveDate, days_left: i64) -> String {
    message(
        lang,
        M::TrajectoryEndsOn,
        &[
            ("date", long_date(last_day).into()),
            ("days", days_left.into()),
        ],
    )
}

fn long_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// "09:05". Written out rather than with chrono's format strings, whose parser would add its
/// weight to every phone's download.
pub fn hm(time: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "13:00–16:00", or "13:00–…" while it runs: the one way a prestatie's times are written.
pub fn time_span(start: chrono::NaiveTime, end: Option<chrono::NaiveTime>) -> String {
    match end {
        Some(end) => format!("{}–{}", hm(start), hm(end)),
        None => format!("{}–…", hm(start)),
    }
}

/// "2026-12-01", as a date input wants it.
pub fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The one place where errors become words for people.
pub fn error_message(lang: Lang, error: &AppError) -> String {
    match error {
        AppError::Invalid(field) => field_message(field).text(lang).to_string(),
        // Answers to the bemiddelaar's and the paper-cheque forms, never to a phone's action.
        AppError::ChequeNumberUsed { number } => message(
            lang,
            M::ChequeNumberUsed,
            &[("number", number.clone().into())],
        ),
        AppError::PaidOnPaper => T::ErrPaidOnPaper.text(lang).to_string(),
        other => phone_error_message(lang, other),
    }
}

/// What is wrong with a field of a form.
pub fn field_message(field: &crate::error::Field) -> T {
    use crate::error::Field as F;
    match field {
        F::Email => T::InvalidEmail,
        F::Password => T::InvalidPassword,
        F::NewPassword => T::InvalidNewPassword,
        F::CommonPassword => T::InvalidCommonPassword,
        // Said on pages the server renders (the login's code, the settings) only: the
        // phone's WASM does without their words.
        #[cfg(feature = "ssr")]
        F::SecondFactorCode => T::InvalidSecondFactorCode,
        #[cfg(feature = "ssr")]
        F::RetentionMonths => T::InvalidRetentionMonths,
        #[cfg(not(feature = "ssr"))]
        F::SecondFactorCode | F::RetentionMonths => T::InvalidForm,
        F::CurrentPassword => T::InvalidCurrentPassword,
        F::ChangeReason => T::InvalidChangeReason,
        F::Note => T::InvalidNote,
        F::DisputeReason => T::InvalidDisputeReason,
        F::DeclineReason => T::InvalidDeclineReason,
        F::Form => T::InvalidForm,
        F::Assignment => T::InvalidAssignment,
        F::Name => T::InvalidName,
        F::Phone => T::InvalidPhone,
        F::Municipality => T::InvalidMunicipality,
        F::TrajectoryEnd => T::InvalidTrajectoryEnd,
        F::EndDate => T::InvalidEndDate,
        F::Activity => T::InvalidActivity,
        F::Description => T::InvalidDescription,
        F::PlannedMinutes => T::InvalidPlannedMinutes,
        F::Weeks => T::InvalidWeeks,
        F::OfferDate => T::InvalidOfferDate,
        F::Postcode => T::InvalidPostcode,
        F::Address => T::InvalidAddress,
        F::ClientNumber => T::InvalidClientNumber,
        F::FeeYear => T::InvalidFeeYear,
        F::RejectReason => T::InvalidRejectReason,
        F::Entries => T::InvalidEntries,
        F::Cheques => T::InvalidCheques,
        F::PaidOn => T::InvalidPaidOn,
        F::ChequePrice => T::InvalidChequePrice,
        F::PriceFrom => T::InvalidPriceFrom,
        F::AllowanceRate => T::InvalidAllowanceRate,
        F::KmRate => T::InvalidKmRate,
        F::KmThreshold => T::InvalidKmThreshold,
        F::RatesFrom => T::InvalidRatesFrom,
        F::Iban => T::InvalidIban,
        F::Extension => T::InvalidExtension,
        F::ExtensionReason => T::InvalidExtensionReason,
        F::Statement => T::InvalidStatement,
        F::ChequeNumber => T::InvalidChequeNumber,
        F::ChequeCount => T::InvalidChequeCount,
        F::Amount => T::InvalidAmount,
        F::OrganisationIban => T::InvalidOrganisationIban,
        F::Bic => T::InvalidBic,
        F::AutoConfirmDays => T::InvalidAutoConfirmDays,
        F::ForgottenReminder => T::InvalidForgottenReminder,
        F::ForgottenClose => T::InvalidForgottenClose,
        F::Month => T::InvalidMonth,
        F::SettleReason => T::InvalidSettleReason,
        F::Period => T::InvalidPeriod,
    }
}

/// [`error_message`] as the worker's phone shows a refused offline action (`ui::worker::outbox`,
/// in the first file every phone downloads): every error in its own words, but the fields of
/// the bemiddelaar's and the gebruiker's forms — which a phone's action never has — read
/// "something is missing in the form", so their texts stay in those screens' files.
pub fn phone_error_message(lang: Lang, error: &AppError) -> String {
    use crate::error::Field as F;
    use AppError as E;
    let fixed = |key: T| key.text(lang).to_string();
    match error {
        E::NotLoggedIn => fixed(T::ErrNotLoggedIn),
        E::WrongLogin => fixed(T::ErrWrongLogin),
        E::Forbidden => fixed(T::ErrForbidden),
        E::NotFound => fixed(T::ErrNotFound),
        E::Invalid(field) => fixed(match field {
            F::ChangeReason => T::InvalidChangeReason,
            F::Note => T::InvalidNote,
            F::DeclineReason => T::InvalidDeclineReason,
            F::Assignment => T::InvalidAssignment,
            _ => T::InvalidForm,
        }),
        E::AlreadyRunning => fixed(T::ErrAlreadyRunning),
        E::NotRunning => fixed(T::ErrNotRunning),
        E::TooLateToCancel => fixed(T::ErrTooLateToCancel),
        E::OfferNotOpen => fixed(T::ErrOfferNotOpen),
        E::AlreadyDecided => fixed(T::ErrAlreadyDecided),
        E::NotEnoughCheques { balance, needed } => message(
            lang,
            M::NotEnoughCheques,
            &[("balance", (*balance).into()), ("needed", (*needed).into())],
        ),
        E::Limit(breach) => limit_message(lang, breach),
        E::Entry(problem) => entry_message(lang, problem),
        E::EntryLocked => fixed(T::ErrEntryLocked),
        E::PauseState => fixed(T::ErrPauseState),
        E::NotPlannedToday { planned } => message(
            lang,
            M::NotPlannedToday,
            &[("day", short_date(lang, *planned).into())],
        ),
        E::TooManyAttempts { retry_after_secs } => message(
            lang,
            M::TooManyAttempts,
            &[("minutes", ((retry_after_secs + 59) / 60).max(1).into())],
        ),
        E::TapTime => fixed(T::ErrTapTime),
        E::ActivationCode => fixed(T::ErrActivationCode),
        E::TrajectoryEnded => fixed(T::ErrTrajectoryEnded),
        E::FeeAlreadyRecorded => fixed(T::ErrFeeAlreadyRecorded),
        E::PurchaseUsed => fixed(T::ErrPurchaseUsed),
        E::RequestClosed => fixed(T::ErrRequestClosed),
        #[cfg(feature = "ssr")]
        E::SecondFactorOn => fixed(T::ErrSecondFactorOn),
        #[cfg(not(feature = "ssr"))]
        E::SecondFactorOn => fixed(T::InvalidForm),
        // Not an answer to a phone's action: its words stay with the forms (`error_message`).
        E::PaidOnPaper | E::ChequeNumberUsed { .. } => fixed(T::InvalidForm),
        E::Busy => fixed(T::ErrBusy),
        E::Unavailable => fixed(T::ErrUnavailable),
    }
}

/// What is wrong with hours as entered, in words (the phone shows it before sending too).
pub fn entry_message(lang: Lang, problem: &EntryProblem) -> String {
    let fixed = |key: T| key.text(lang).to_string();
    match problem {
        EntryProblem::InFuture => fixed(T::ErrInFuture),
        EntryProblem::EndNotAfterStart => fixed(T::ErrEndNotAfterStart),
        EntryProblem::PauseTooLong => fixed(T::ErrPauseTooLong),
        EntryProblem::TooLong => fixed(T::ErrTooLong),
        EntryProblem::Km => fixed(T::ErrKm),
        EntryProblem::Overlap { other } => {
            let at = |ms: i64| crate::brussels::local(crate::brussels::from_ms(ms));
            let start = at(other.start_ms);
            let day = short_date(lang, start.date());
            let from = hm(start.time());
            match other.end_ms {
                Some(end) => message(
                    lang,
                    M::Overlap,
                    &[
                        ("day", day.into()),
                        ("from", from.into()),
                        ("to", hm(at(end).time()).into()),
                    ],
                ),
                None => message(
                    lang,
                    M::OverlapRunning,
                    &[("day", day.into()), ("from", from.into())],
                ),
            }
        }
    }
}

/// "€ 12,50" / "€12.50" / "12,50 €".
pub fn money(lang: Lang, cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.abs();
    let euros = format!("{sign}{}", cents / 100);
    message(
        lang,
        M::Money,
        &[
            ("euros", euros.into()),
            ("cents", format!("{:02}", cents % 100).into()),
        ],
    )
}

pub fn limit_message(lang: Lang, breach: &LimitBreach) -> String {
    match breach {
        LimitBreach::Month { left_minutes } if *left_minutes <= 0 => {
            T::ErrMonthLimitReached.text(lang).to_string()
        }
        LimitBreach::Month { left_minutes } => message(
            lang,
            M::MonthLimitLeft,
            &[("time", duration(lang, *left_minutes).into())],
        ),
        LimitBreach::Year { left_minutes } => message(
            lang,
            M::YearLimitLeft,
            &[("time", duration(lang, (*left_minutes).max(0)).into())],
        ),
        LimitBreach::TrajectoryEnded { ended_on } => message(
            lang,
            M::TrajectoryEnded,
            &[("date", long_date(*ended_on).into())],
        ),
        LimitBreach::TrajectoryNotStarted { starts_on } => message(
            lang,
            M::TrajectoryNotStarted,
            &[("date", long_date(*starts_on).into())],
        ),
    }
}

/// [`limit_message`] for a bemiddelaar settling a worker's prestatie: the worker's limit in
/// the third person, and what to do.
pub fn staff_limit_message(lang: Lang, breach: &LimitBreach) -> String {
    let left = |minutes: i64| duration(lang, minutes.max(0));
    match breach {
        LimitBreach::Month { left_minutes } => message(
            lang,
            M::StaffMonthLimit,
            &[("time", left(*left_minutes).into())],
        ),
        LimitBreach::Year { left_minutes } => message(
            lang,
            M::StaffYearLimit,
            &[("time", left(*left_minutes).into())],
        ),
        other => limit_message(lang, other),
    }
}

/// A weekday (1 = Monday … 7 = Sunday), short: "ma".
pub fn weekday_short(lang: Lang, weekday: u8) -> &'static str {
    WEEKDAYS[usize::from(weekday.clamp(1, 7) - 1)].text(lang)
}

/// A moment of the week in words: "ma voormiddag".
pub fn moment(lang: Lang, slot: crate::requests::Slot) -> String {
    let part = match slot.part {
        crate::requests::DayPart::Morning => T::Morning,
        crate::requests::DayPart::Afternoon => T::Afternoon,
    };
    format!("{} {}", weekday_short(lang, slot.weekday), part.text(lang))
}

/// Why the matching ranks a worker where it does, in words.
pub fn reason_text(lang: Lang, reason: &crate::requests::Reason) -> String {
    use crate::requests::Reason as R;
    match *reason {
        R::SameMunicipality => T::ReasonSameMunicipality.text(lang).to_string(),
        R::OtherMunicipality => T::ReasonOtherMunicipality.text(lang).to_string(),
        R::HasSkill => T::ReasonHasSkill.text(lang).to_string(),
        R::NoSkill => T::ReasonNoSkill.text(lang).to_string(),
        R::Available {
            available,
            requested,
        } => message(
            lang,
            M::ReasonAvailable,
            &[
                ("n", i64::from(available).into()),
                ("of", i64::from(requested).into()),
            ],
        ),
        R::MonthLeft { minutes } => message(
            lang,
            M::ReasonMonthLeft,
            &[("time", duration(lang, minutes).into())],
        ),
        R::TrajectoryEndsSoon { days } => message(lang, M::ReasonEndsSoon, &[("n", days.into())]),
        R::Load { minutes } => message(
            lang,
            M::ReasonLoad,
            &[("time", duration(lang, minutes).into())],
        ),
    }
}

/// Where a request stands, as the gebruiker and the bemiddelaar read it.
pub fn request_status(status: crate::requests::RequestStatus) -> T {
    use crate::requests::RequestStatus as S;
    match status {
        S::New => T::RequestStatusNew,
        S::InProgress => T::RequestStatusInProgress,
        S::Planned => T::RequestStatusPlanned,
        S::Rejected => T::RequestStatusRejected,
    }
}

/// An assignment's status as the bemiddelaar reads it.
pub fn assignment_status(status: crate::assignments::AssignmentStatus) -> T {
    use crate::assignments::AssignmentStatus as S;
    match status {
        S::Offered => T::AssignmentOffered,
        S::Accepted => T::AssignmentAccepted,
        S::Declined => T::AssignmentDeclined,
        S::Finished => T::AssignmentFinished,
        S::Cancelled => T::AssignmentCancelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: [Lang; 3] = Lang::ALL;

    #[test]
    fn durations_read_like_a_timesheet() {
        assert_eq!(duration(Lang::Nl, 0), "0 u 00 min");
        assert_eq!(duration(Lang::Nl, 125), "2 u 05 min");
        assert_eq!(duration(Lang::En, 3600), "60 h 00 min");
        assert_eq!(
            hours_of_limit(Lang::Nl, 750, 3600),
            "12 u 30 min van 60 uur"
        );
    }

    #[test]
    fn plurals_come_from_the_catalogue() {
        assert_eq!(cheque_balance(Lang::Nl, 1), "Je hebt nog 1 cheque.");
        assert_eq!(cheque_balance(Lang::Nl, 0), "Je hebt nog 0 cheques.");
        assert_eq!(cheque_balance(Lang::En, 7), "You have 7 cheques left.");
        assert_eq!(month_total(Lang::Nl, 90, 1), "1 u 30 min · 1 wijk-werker");
        assert_eq!(month_total(Lang::En, 60, 3), "1 h 00 min · 3 workers");
        let wait = error_message(
            Lang::Nl,
            &AppError::TooManyAttempts {
                retry_after_secs: 30,
            },
        );
        assert!(wait.contains("Wacht een minuut"), "{wait}");
        let wait = error_message(
            Lang::En,
            &AppError::TooManyAttempts {
                retry_after_secs: 900,
            },
        );
        assert!(wait.contains("Wait 15 minutes"), "{wait}");
        // An exact form comes before the category: nothing to add when nothing was settled.
        let settled = |n: i64| message(Lang::Nl, M::PurchaseRecorded, &[("settled", n.into())]);
        assert_eq!(settled(0), "Aankoop genoteerd.");
        assert_eq!(
            settled(1),
            "Aankoop genoteerd. 1 prestatie die op cheques wachtte is nu betaald."
        );
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(short_date(Lang::Nl, date), "ma 30/11");
        assert_eq!(month_name(Lang::En, 2026, 11), "November 2026");
    }

    #[test]
    fn the_phone_words_an_error_as_everywhere_but_for_other_screens_fields() {
        use crate::error::Field;
        let same = [
            AppError::OfferNotOpen,
            AppError::TapTime,
            AppError::Limit(LimitBreach::Month { left_minutes: 30 }),
            AppError::Invalid(Field::Note),
            AppError::Invalid(Field::DeclineReason),
        ];
        for e in &same {
            assert_eq!(phone_error_message(Lang::Nl, e), error_message(Lang::Nl, e));
        }
        let staff = AppError::Invalid(Field::ChequePrice);
        assert_eq!(
            phone_error_message(Lang::Nl, &staff),
            T::InvalidForm.text(Lang::Nl)
        );
        assert_ne!(
            error_message(Lang::Nl, &staff),
            T::InvalidForm.text(Lang::Nl)
        );
    }

    #[test]
    fn the_month_limit_message_says_how_much_is_left() {
        let msg = limit_message(Lang::Nl, &LimitBreach::Month { left_minutes: 90 });
        assert!(msg.contains("1 u 30 min"), "{msg}");
        let full = limit_message(Lang::Nl, &LimitBreach::Month { left_minutes: 0 });
        assert!(full.contains("al 60 uur"), "{full}");
    }

    #[test]
    fn every_key_has_every_language_and_every_template_fills() {
        for lang in LANGS {
            for key in T::ALL {
                assert!(!key.text(lang).trim().is_empty(), "{key:?} in {lang:?}");
            }
            for key in M::ALL {
                let template = key.template(lang);
                assert!(!template.trim().is_empty(), "{key:?} in {lang:?}");
                // Braces balance, so every argument and plural form is well formed.
                let opened = template.matches('{').count();
                assert_eq!(opened, template.matches('}').count(), "{key:?} in {lang:?}");
                // Both languages name the same arguments.
                let names = |t: &str| {
                    let mut names: Vec<String> = t
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split(['}', ',']).next())
                        .map(|n| n.trim().to_string())
                        .filter(|n| {
                            n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                                && !n.is_empty()
                        })
                        .collect();
                    names.sort();
                    names.dedup();
                    names
                };
                assert_eq!(names(template), names(key.template(Lang::Nl)), "{key:?}");
            }
        }
        assert_eq!(T::StatusSubmitted.text(Lang::Nl), "Wacht op bevestiging");
    }

    /// Every key is used somewhere outside the catalogue: an unused text is a forgotten
    /// feature or a leftover to remove.
    #[test]
    fn every_key_is_used() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
                {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut code = String::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut code,
        );
        // The catalogue's own helpers use some keys (dates, errors, messages).
        let own = include_str!("i18n.rs");
        let own_code = &own[own.find("pub fn plural(").unwrap()..own.find("#[cfg(test)]").unwrap()];
        code.push_str(own_code);
        let unused: Vec<String> = T::NAMES
            .iter()
            .map(|n| format!("T::{n}"))
            .chain(M::NAMES.iter().map(|n| format!("M::{n}")))
            .filter(|k| {
                !code.match_indices(k.as_str()).any(|(i, _)| {
                    !code[i + k.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                })
            })
            .collect();
        assert!(unused.is_empty(), "keys nobody uses: {unused:?}");
    }
}

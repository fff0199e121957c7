//! `server`: the Wijkwerk command line. `serve` (the default) runs the app; the other commands
//! prepare a real organisation without demo data. Configured by environment variables (README).

use std::io::{BufRead, IsTerminal};

use clap::{Parser, Subcommand};
use leptos::config::get_configuration;
use tracing_subscriber::EnvFilter;

use app::clock::Clock;
use app::ids::OrganisationId;
use server::{Config, StartError, open_database, prepare_database, router};

#[derive(Parser)]
#[command(
    version,
    about = "Wijkwerk: wijk-werken on the phone of every wijk-werker"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app (the default). Migrates the database first.
    Serve,
    /// Create or update the database schema, then stop.
    Migrate,
    /// Create a wijk-werkorganisatie; prints its number.
    CreateOrganisation {
        /// Its name, e.g. "Wijk-werken Scheldeland".
        #[arg(long)]
        name: String,
    },
    /// Create a coordinator (bemiddelaar) account. Asks for the password, or reads one line
    /// from standard input when that is not a terminal.
    CreateCoordinator {
        /// The organisation's number (from create-organisation).
        #[arg(long)]
        organisation: i64,
        #[arg(long)]
        email: String,
        /// The name shown in the app.
        #[arg(long)]
        name: String,
    },
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    if let Err(e) = run(cli.command.unwrap_or(Command::Serve)).await {
        tracing::error!("{e}");
        eprintln!("{e}");
        std::process::exit(1);
    }
}

async fn run(command: Command) -> Result<(), Box<dyn std::error::Error>> {
    let leptos_options = get_configuration(None)?.leptos_options;
    let config = Config::from_env(leptos_options.site_addr);
    let clock = Clock::system();
    match command {
        Command::Serve => {
            let db = prepare_database(&config, &clock).await?;
            tracing::info!(backend = db.backend_name(), "database ready");
            let addr = config.site_addr;
            let jobs = server::spawn_jobs(db.clone(), clock.clone());
            let app = router(db.clone(), leptos_options, &config, clock).await?;
            let listener = tokio::net::TcpListener::bind(&addr).await?;
            tracing::info!("Wijkwerk luistert op http://{addr}");
            server::serve(listener, app).await?;
            jobs.abort();
            db.close().await;
        }
        Command::Migrate => {
            let db = open_database(&config.database_url).await?;
            println!("database migrated ({})", db.backend_name());
            db.close().await;
        }
        Command::CreateOrganisation { name } => {
            let db = open_database(&config.database_url).await?;
            let mut tx = db.begin().await?;
            let id = app::organisations::create(&mut tx, &name, clock.now())
                .await
                .map_err(refused)?;
            tx.commit().await?;
            println!("{id}");
            db.close().await;
        }
        Command::CreateCoordinator {
            organisation,
            email,
            name,
        } => {
            let password = read_password()?;
            let db = open_database(&config.database_url).await?;
            let mut tx = db.begin().await?;
            let id = app::auth::service::create_coordinator(
                &mut tx,
                OrganisationId(organisation),
                &email,
                &name,
                password,
                clock.now(),
            )
            .await
            .map_err(refused)?;
            tx.commit().await?;
            println!("coordinator account {id} created for {email}");
            db.close().await;
        }
    }
    Ok(())
}

/// A refusal in the words people read in the app (English on the command line).
fn refused(e: app::error::AppError) -> StartError {
    StartError::Config(app::i18n::error_message(app::i18n::Lang::En, &e))
}

fn read_password() -> Result<String, std::io::Error> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let again = rpassword::prompt_password("Same password again: ")?;
        if first != again {
            return Err(std::io::Error::other("the two passwords differ"));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

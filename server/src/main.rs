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
    /// A file of `NAME=value` lines (as in the README's configuration table), read before the
    /// environment; a variable set in the environment wins.
    #[arg(long, global = true, env = "WIJKWERK_CONFIG")]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app (the default). Migrates the database first.
    Serve,
    /// Create or update the database schema, then stop.
    Migrate,
    /// Load the demo organisation (password "wijkwerk" for every account) into an empty
    /// database.
    SeedDemo {
        /// The e-mail domain of the demo accounts.
        #[arg(long, default_value = "demo.test")]
        domain: String,
    },
    /// A consistent copy of the running SQLite database, checked; for PostgreSQL it prints the
    /// pg_dump command to use.
    Backup {
        /// The new file to write (never overwritten).
        file: std::path::PathBuf,
    },
    /// Check the database: integrity, cheque ledger, running clocks. Exits 1 on a problem.
    Check,
    /// Fill an empty database with a large realistic data set for benchmarks: WORKERS
    /// wijk-werkers (10000 makes 1.5 million prestaties).
    Generate {
        #[arg(value_parser = clap::value_parser!(i64).range(1..=30_000))]
        workers: i64,
    },
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

fn main() {
    let cli = Cli::parse();
    if let Some(file) = &cli.config
        && let Err(e) = server::config_file::load(file)
    {
        eprintln!("{e}");
        std::process::exit(2);
    }
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("WIJKWERK_LOG_FORMAT").as_deref() == Ok("json") {
        logs.json().init();
    } else {
        logs.init();
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime")
        .block_on(run_cli(cli));
}

async fn run_cli(cli: Cli) {
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
            let stop = server::shutdown_signal();
            let jobs = server::spawn_jobs(db.clone(), clock.clone(), stop.clone());
            let app = router(db.clone(), leptos_options, &config, clock).await?;
            let listener = tokio::net::TcpListener::bind(&addr).await?;
            tracing::info!("Wijkwerk luistert op http://{addr}");
            server::serve(listener, app, stop, config.shutdown_deadline).await?;
            // A job in the middle of a step finishes that step (one transaction) first.
            if tokio::time::timeout(config.shutdown_deadline, jobs)
                .await
                .is_err()
            {
                tracing::warn!("background job still running at the deadline: cut off");
            }
            db.close().await;
            tracing::info!("stopped");
        }
        Command::SeedDemo { domain } => {
            let db = open_database(&config.database_url).await?;
            if !app::demo::is_empty(&db).await? {
                return Err(StartError::Config(
                    "The database already holds an organisation: demo data goes only into an \
                     empty database."
                        .into(),
                )
                .into());
            }
            app::demo::load(&db, "Wijk-werken Scheldeland", &domain, clock.now()).await?;
            println!(
                "demo data loaded: sofie@{domain}, ahmed@{domain}, maria@{domain}, … (wachtwoord: wijkwerk)"
            );
            db.close().await;
        }
        Command::Backup { file } => {
            let db = open_database(&config.database_url).await?;
            let done = server::operations::backup::backup(&db, &config.database_url, &file).await;
            db.close().await;
            let bytes = done?;
            println!(
                "backup written and checked: {} ({bytes} bytes)",
                file.display()
            );
        }
        Command::Check => {
            let db = open_database(&config.database_url).await?;
            let findings = server::operations::check::check(&db, clock.now()).await?;
            db.close().await;
            let mut broken = 0;
            for f in &findings {
                if f.broken == 0 {
                    println!("ok       {}", f.rule);
                } else {
                    broken += 1;
                    println!("PROBLEM  {}: {}", f.rule, f.broken);
                }
            }
            if broken > 0 {
                return Err(format!("check found {broken} problem(s)").into());
            }
            println!("check passed ({})", db.backend_name());
        }
        Command::Generate { workers } => {
            let db = open_database(&config.database_url).await?;
            if !app::demo::is_empty(&db).await? {
                return Err(StartError::Config(
                    "generate fills an empty database (a benchmark's), not one in use".into(),
                )
                .into());
            }
            let size = server::operations::generate::Size { workers };
            println!(
                "generating {workers} wijk-werkers, {} gebruikers, {} prestaties",
                size.clients(),
                size.entries()
            );
            let demo = app::demo::load(&db, "Bench", "bench.test", clock.now()).await?;
            server::operations::generate::generate(&db, demo.organisation_id, size).await?;
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

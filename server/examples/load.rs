//! `make bench`'s load generator: open-loop HTTP load on loopback at a fixed rate.
//!
//! Open loop: request *k* is due at `start + k / rate`, whether or not earlier answers came,
//! and its latency counts from that due time (so a stalled server cannot hide its queue, the
//! "coordinated omission" a closed loop of N clients has). Plain HTTP/1.1 with keep-alive on a
//! pool of connections, written here on tokio's TCP so the bench adds no HTTP client to the
//! build.
//!
//! ```text
//! load setup <database-url> <organisations> <lanes.json>
//!                                   fill a fresh database: demo organisations with cheques
//!                                   and prestaties to confirm; who clocks and confirms what
//!                                   goes to lanes.json
//! load wijkwerk <scenario> <rates> <seconds> <lanes.json> <base>...
//!                                   scenario: clock | confirm; rates: e.g. 100,1000,max
//! load timetagger <rates> <seconds> <base> <token>
//! ```
//! Each run prints one Markdown table row: rate asked, throughput, p50, p99, max, shed (503:
//! the server was full and said so at once), errors, and for the clock what was lost (a Start
//! answered "saved" that the database does not hold) and doubled (a prestatie no action made:
//! a tap counted twice), counted in the database after the run.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use app::db::Db;
use app::on;
use chrono::Utc;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::Mutex;

/// Connections open at once, at most.
const MAX_CONNECTIONS: usize = 512;

/// Prestaties waiting to be confirmed, per gebruiker of each organisation.
const TO_CONFIRM_PER_CLIENT: i64 = 3_000;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_else(|| usage());
    match arg(0).as_str() {
        "setup" => setup(&arg(1), arg(2).parse().unwrap_or_else(|_| usage()), &arg(3)).await,
        "wijkwerk" => {
            let scenario = match arg(1).as_str() {
                "clock" => Scenario::Clock,
                "confirm" => Scenario::Confirm,
                _ => usage(),
            };
            let lanes: Lanes = serde_json::from_str(
                &std::fs::read_to_string(arg(4)).expect("the lanes file of `load setup`"),
            )
            .expect("lanes");
            let bases: Vec<String> = args[5..].to_vec();
            if bases.is_empty() {
                usage();
            }
            let target = Target::wijkwerk(scenario, lanes, &bases).await;
            runs(&target, &arg(2), seconds(&arg(3))).await;
        }
        "timetagger" => {
            let target = Target::timetagger(&arg(3), &arg(4));
            runs(&target, &arg(1), seconds(&arg(2))).await;
        }
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: load setup <database-url> <organisations> <lanes.json>\n       load wijkwerk \
         clock|confirm <rates, e.g. 100,1000,max> <seconds> <lanes.json> <base>...\n       \
         load timetagger <rates> <seconds> <base> <token>"
    );
    std::process::exit(2)
}

fn seconds(s: &str) -> Duration {
    Duration::from_secs(s.parse().unwrap_or_else(|_| usage()))
}

/// Demo organisations around now (three wijk-werkers each who can clock today, and their
/// gebruikers), every gebruiker with cheques for a long while, and prestaties to confirm.
async fn setup(database_url: &str, organisations: usize, lanes_file: &str) {
    let db = Db::connect(database_url).await.expect("database");
    db.migrate().await.expect("migrate");
    let now = Utc::now();
    let mut lanes = Lanes::default();
    for n in 0..organisations {
        let demo = app::demo::load(&db, &format!("Load {n}"), &format!("o{n}.test"), now)
            .await
            .expect("demo");
        let mut tx = db.begin().await.expect("begin");
        // Three wijk-werkers clock today; the gebruikers of two others confirm what those two
        // did before (so the clocking ones stay under their 60 hours).
        for (worker, assignment) in [
            ("ahmed", demo.assignments.ahmed_maria),
            ("lien", demo.assignments.lien_school),
            ("kevin", demo.assignments.kevin_roger_today),
        ] {
            lanes.clockers.push(Clocker {
                email: demo.email(worker),
                assignment: assignment.0,
            });
        }
        for (client, assignment, worker) in [
            ("gemeente", demo.assignments.jozef_gemeente, "jozef"),
            ("hoeve", demo.assignments.fatima_hoeve, "fatima"),
        ] {
            let mut confirmer = Confirmer {
                email: demo.email(client),
                entries: Vec::new(),
            };
            let client = demo.clients[client];
            let batch: i64 = on!(tx.c(), c => sqlx::query_scalar(
                "INSERT INTO cheque_batch (organisation_id, client_id, bought_on, cheques, \
                 price_cents, valid_until, created_at) VALUES ($1, $2, $3, 1000000, 790, $4, $5) \
                 RETURNING id",
            )
            .bind(demo.organisation_id)
            .bind(client)
            .bind(now.date_naive())
            .bind(now.date_naive() + chrono::Duration::days(360))
            .bind(now)
            .fetch_one(c)
            .await)
            .expect("batch");
            on!(tx.c(), c => sqlx::query(
                "INSERT INTO cheque_ledger (organisation_id, client_id, change, reason, batch_id, \
                 created_at) VALUES ($1, $2, 1000000, 'purchase', $3, $4)",
            )
            .bind(demo.organisation_id)
            .bind(client)
            .bind(batch)
            .bind(now)
            .execute(c)
            .await
            .map(|_| ()))
            .expect("purchase");
            // Done before, one hour each, sent to the gebruiker.
            for k in 0..TO_CONFIRM_PER_CLIENT {
                let start = now - chrono::Duration::days(1 + k % 20) - chrono::Duration::minutes(k);
                let entry: i64 = on!(tx.c(), c => sqlx::query_scalar(
                    "INSERT INTO time_entry (organisation_id, assignment_id, worker_id, \
                     work_date, started_at, ended_at, minutes, status, source, created_at, \
                     submitted_at) VALUES ($1, $2, $3, $4, $5, $6, 60, 'submitted', 'manual', \
                     $6, $7) RETURNING id",
                )
                .bind(demo.organisation_id)
                .bind(assignment)
                .bind(demo.workers[worker])
                .bind(app::clock::local_date(start))
                .bind(start)
                .bind(start + chrono::Duration::minutes(60))
                // Sent just now: the automatic confirmation leaves it alone during the bench.
                .bind(now)
                .fetch_one(c)
                .await)
                .expect("prestatie");
                confirmer.entries.push(entry);
            }
            lanes.confirmers.push(confirmer);
        }
        tx.commit().await.expect("commit");
    }
    db.close().await;
    lanes.database_url = database_url.to_string();
    std::fs::write(lanes_file, serde_json::to_string(&lanes).unwrap()).expect("lanes file");
    println!("{organisations} organisations ready");
}

/// Who clocks and who confirms, from `load setup`.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Lanes {
    /// Where the runs count what was stored.
    #[serde(default)]
    database_url: String,
    clockers: Vec<Clocker>,
    confirmers: Vec<Confirmer>,
}

/// A wijk-werker who can clock today.
#[derive(serde::Serialize, serde::Deserialize)]
struct Clocker {
    email: String,
    assignment: i64,
}

/// A gebruiker with prestaties to confirm.
#[derive(serde::Serialize, serde::Deserialize)]
struct Confirmer {
    email: String,
    entries: Vec<i64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Scenario {
    Clock,
    Confirm,
}

/// One logged-in person and what they send next.
struct Lane {
    base: String,
    cookie: String,
    /// Clock: the assignment.
    assignment: i64,
    /// Confirm: the prestaties left to confirm.
    to_confirm: VecDeque<i64>,
}

enum Target {
    Wijkwerk {
        scenario: Scenario,
        lanes: Vec<Mutex<Lane>>,
        /// The servers' database, to count what a run stored.
        db: Db,
    },
    TimeTagger {
        base: String,
        token: String,
    },
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn unique() -> u128 {
    let run = Utc::now().timestamp_micros() as u128;
    (run << 64) | u128::from(NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

impl Target {
    async fn wijkwerk(scenario: Scenario, facts: Lanes, bases: &[String]) -> Target {
        let db = Db::connect(&facts.database_url)
            .await
            .expect("the database of `load setup`");
        let people: Vec<(String, i64, Vec<i64>)> = match scenario {
            Scenario::Clock => facts
                .clockers
                .into_iter()
                .map(|c| (c.email, c.assignment, Vec::new()))
                .collect(),
            Scenario::Confirm => facts
                .confirmers
                .into_iter()
                .map(|c| (c.email, 0, c.entries))
                .collect(),
        };
        let mut lanes = Vec::new();
        for (n, (email, assignment, entries)) in people.into_iter().enumerate() {
            // Logged in on one server, sending to the next: a session works on all of them.
            let cookie = login(&bases[n % bases.len()], &email).await;
            lanes.push(Mutex::new(Lane {
                base: bases[(n + 1) % bases.len()].clone(),
                cookie,
                assignment,
                to_confirm: entries.into(),
            }));
        }
        Target::Wijkwerk {
            scenario,
            lanes,
            db,
        }
    }

    fn timetagger(base: &str, token: &str) -> Target {
        Target::TimeTagger {
            base: base.trim_end_matches('/').to_string(),
            token: token.to_string(),
        }
    }

    /// Before a run (untimed): let what an overloaded run left queued finish, and stop any
    /// clock such a run left running (its Stop was cut off), so every lane starts clean.
    async fn settle(&self) {
        let Target::Wijkwerk {
            scenario: Scenario::Clock,
            lanes,
            ..
        } = self
        else {
            return;
        };
        tokio::time::sleep(Duration::from_secs(3)).await;
        for lane in lanes {
            let lane = lane.lock().await;
            let Ok(mut conn) = Conn::open(&lane.base).await else {
                continue;
            };
            let day = post(&lane.base, &lane.cookie, "worker_day", "form", "");
            let Ok((200, _, body)) = conn.exchange(&day).await else {
                continue;
            };
            let running = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|day| day["running"]["entry_id"].as_i64());
            if let Some(entry) = running {
                let stop = format!("entry_id={entry}&cap_at_limit=true");
                let _ = conn
                    .exchange(&post(&lane.base, &lane.cookie, "stop_clock", "form", &stop))
                    .await;
            }
        }
    }

    /// The `k`-th request: where to, its bytes, and for the clock the Start's action id.
    async fn request(&self, k: usize) -> Option<(String, Vec<u8>, Option<String>)> {
        match self {
            Target::Wijkwerk {
                scenario, lanes, ..
            } => {
                let mut lane = lanes[k % lanes.len()].lock().await;
                let now_ms = Utc::now().timestamp_millis();
                let mut start_id = None;
                let body = match scenario {
                    // A Start and its Stop in one sync, as a phone sends what it kept while
                    // offline: each request stands alone, whatever happened to the one before.
                    Scenario::Clock => {
                        let start = uuid::Uuid::from_u128(unique()).hyphenated().to_string();
                        let stop = uuid::Uuid::from_u128(unique()).hyphenated().to_string();
                        let json = format!(
                            r#"{{"batch":{{"sent_at_ms":{now_ms},"actions":[{{"id":"{start}","tapped_at_ms":{},"kind":"start","assignment_id":{}}},{{"id":"{stop}","tapped_at_ms":{now_ms},"kind":"stop","clock":{{"start":"{start}"}},"cap_at_limit":false}}]}}}}"#,
                            now_ms - 1,
                            lane.assignment
                        );
                        start_id = Some(start);
                        post(&lane.base, &lane.cookie, "sync", "json", &json)
                    }
                    Scenario::Confirm => {
                        let entry = lane.to_confirm.pop_front()?;
                        post(
                            &lane.base,
                            &lane.cookie,
                            "confirm_entry",
                            "form",
                            &format!("entry_id={entry}"),
                        )
                    }
                };
                Some((lane.base.clone(), body, start_id))
            }
            Target::TimeTagger { base, token } => {
                let t = Utc::now().timestamp();
                let key = format!("{:020x}", unique() as u64 ^ (unique() >> 64) as u64);
                let json = format!(
                    r#"[{{"key":"{key}","mt":{t},"t1":{},"t2":{t},"ds":"bench #load","st":0}}]"#,
                    t - 3600
                );
                let host = base.trim_start_matches("http://");
                let (host_part, path_prefix) = match host.split_once('/') {
                    Some((h, p)) => (h.to_string(), format!("/{p}")),
                    None => (host.to_string(), String::new()),
                };
                let bytes = format!(
                    "PUT {path_prefix}/api/v2/records HTTP/1.1\r\nHost: {host_part}\r\n\
                     authtoken: {token}\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\n\r\n{json}",
                    json.len()
                )
                .into_bytes();
                Some((base.clone(), bytes, None))
            }
        }
    }

    /// Before a clock run: where its count of prestaties and actions starts.
    async fn stored_so_far(&self) -> Option<(i64, chrono::DateTime<Utc>)> {
        let Target::Wijkwerk {
            scenario: Scenario::Clock,
            db,
            ..
        } = self
        else {
            return None;
        };
        let mut conn = db.conn().await.expect("database");
        let last: i64 = on!(conn.c(), c => sqlx::query_scalar(
            "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM time_entry"
        )
        .fetch_one(c)
        .await)
        .expect("count");
        Some((last, Utc::now() - chrono::Duration::seconds(1)))
    }

    /// After a clock run (and the requests it cut off have had time to finish on the server):
    /// Starts answered as saved that are not stored (lost), and prestaties no stored action
    /// made plus shed Starts that were stored anyway (doubled: a phone would send those
    /// again).
    async fn account(
        &self,
        (last_entry, since): (i64, chrono::DateTime<Utc>),
        saved_starts: &[String],
        shed_starts: &[String],
    ) -> (usize, usize) {
        let Target::Wijkwerk { db, .. } = self else {
            return (0, 0);
        };
        tokio::time::sleep(Duration::from_secs(3)).await;
        let mut conn = db.conn().await.expect("database");
        let actions: Vec<(String, Option<i64>)> = on!(conn.c(), c => sqlx::query_as(
            "SELECT id, entry_id FROM sync_action WHERE received_at >= $1",
        )
        .bind(since)
        .fetch_all(c)
        .await)
        .expect("actions");
        let made: std::collections::HashSet<i64> =
            actions.iter().filter_map(|(_, entry)| *entry).collect();
        let stored: std::collections::HashMap<String, Option<i64>> = actions.into_iter().collect();
        let created: i64 = on!(conn.c(), c => sqlx::query_scalar(
            "SELECT COUNT(*) FROM time_entry WHERE id > $1 AND source = 'clock'",
        )
        .bind(last_entry)
        .fetch_one(c)
        .await)
        .expect("prestaties");
        let lost = saved_starts
            .iter()
            .filter(|id| !matches!(stored.get(*id), Some(Some(_))))
            .count();
        let shed_but_stored = shed_starts
            .iter()
            .filter(|id| stored.contains_key(*id))
            .count();
        let unmade = (created as usize).saturating_sub(made.len());
        (lost, unmade + shed_but_stored)
    }

    /// Did the answer do what was asked? (A rule the request tasks can carry.)
    fn success(&self) -> fn(u16, &str) -> bool {
        match self {
            // A refused tap is an answer with a problem: not a success.
            Target::Wijkwerk {
                scenario: Scenario::Clock,
                ..
            } => |status, body| status == 200 && body.matches(r#""problem":null"#).count() == 2,
            Target::Wijkwerk { .. } => |status, _| status == 200,
            Target::TimeTagger { .. } => {
                |status, body| status == 200 && !body.contains("\"errors\":[{")
            }
        }
    }
}

fn post(base: &str, cookie: &str, endpoint: &str, kind: &str, body: &str) -> Vec<u8> {
    let host = base.trim_start_matches("http://");
    let content_type = if kind == "json" {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    };
    format!(
        "POST /api/{endpoint} HTTP/1.1\r\nHost: {host}\r\nOrigin: {base}\r\n\
         Accept: application/json\r\nCookie: {cookie}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn login(base: &str, email: &str) -> String {
    let body = format!("email={}&password=wijkwerk", email.replace('@', "%40"));
    let mut conn = Conn::open(base).await.expect("connect");
    let (status, headers, answer) = conn
        .exchange(&post(base, "", "login", "form", &body))
        .await
        .expect("login");
    assert_eq!(status, 200, "login {email}: {answer}");
    headers
        .iter()
        .filter_map(|h| h.strip_prefix("set-cookie: "))
        .find(|c| c.starts_with("wijkwerk_session="))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string()
}

/// A keep-alive HTTP/1.1 connection.
struct Conn {
    stream: BufReader<TcpStream>,
}

impl Conn {
    async fn open(base: &str) -> std::io::Result<Conn> {
        let host = base.trim_start_matches("http://");
        let host = host.split('/').next().unwrap_or(host);
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream: BufReader::new(stream),
        })
    }

    /// Send a request, read its whole answer: (status, lower-cased header lines, body).
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<(u16, Vec<String>, String)> {
        self.stream.get_mut().write_all(request).await?;
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("no status line: {line:?}")))?;
        let mut headers = Vec::new();
        let mut length = 0usize;
        let mut chunked = false;
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let header = line.trim_end().to_string();
            if header.is_empty() {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
            let (name, value) = header.split_once(':').unwrap_or((&header, ""));
            headers.push(format!("{}: {}", name.to_ascii_lowercase(), value.trim()));
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.stream.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                self.stream.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            body.resize(length, 0);
            self.stream.read_exact(&mut body).await?;
        }
        Ok((status, headers, String::from_utf8_lossy(&body).into_owned()))
    }
}

/// What one run measured.
struct Run {
    rate: u64,
    sent: usize,
    ok: usize,
    /// Answered 503: the server was full.
    shed: usize,
    errors: usize,
    /// The clock's accounting (`None` for other scenarios): Starts answered as saved that the
    /// database lacks, and prestaties no stored action made (or shed Starts that were stored).
    lost: Option<usize>,
    doubled: Option<usize>,
    elapsed: Duration,
    /// Sorted, in microseconds.
    latencies: Vec<u64>,
}

impl Run {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((self.latencies.len() as f64 * p).ceil() as usize).clamp(1, self.latencies.len());
        self.latencies[i - 1] as f64 / 1000.0
    }

    fn throughput(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    /// Kept up: nearly all answered and right, and the tail short (a server that falls behind
    /// queues, and its p99 grows with the run).
    fn sustained(&self) -> bool {
        self.sent > 0
            && (self.errors + self.shed) as f64 <= self.sent as f64 * 0.001
            && self.percentile(0.99) <= 100.0
    }

    fn row(&self, label: &str) -> String {
        let count = |n: Option<usize>| n.map_or("–".to_string(), |n| n.to_string());
        format!(
            "| {label} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {} of {} | {} | {} |",
            self.rate,
            self.throughput(),
            self.percentile(0.50),
            self.percentile(0.99),
            self.latencies.last().copied().unwrap_or(0) as f64 / 1000.0,
            self.shed,
            self.errors,
            self.sent,
            count(self.lost),
            count(self.doubled),
        )
    }
}

/// The runs asked for: fixed rates, and `max`: the highest rate that is sustained (doubling,
/// then halving the step), measured once more for the full time.
async fn runs(target: &Target, rates: &str, duration: Duration) {
    for rate in rates.split(',') {
        if rate == "max" {
            // Double while it keeps up, then halve the gap to the first rate that did not.
            let search = Duration::from_secs(10).min(duration);
            let (mut good, mut bad) = (0u64, None::<u64>);
            let mut rate = 250u64;
            for _ in 0..6 {
                let run = one_run(target, rate, search).await;
                eprintln!(
                    "  search {}",
                    run.row(if run.sustained() {
                        "kept up"
                    } else {
                        "fell behind"
                    })
                );
                if run.sustained() {
                    good = rate;
                } else {
                    bad = Some(rate);
                }
                rate = match bad {
                    None => rate * 2,
                    Some(bad) if bad - good <= (good / 10).max(25) => break,
                    Some(bad) => (good + bad) / 2,
                };
            }
            if good > 0 {
                let run = one_run(target, good, duration).await;
                println!("{}", run.row("highest sustained"));
            } else {
                println!("| highest sustained | < 250 | | | | | | | | |");
            }
        } else {
            let rate: u64 = rate.parse().unwrap_or_else(|_| usage());
            let run = one_run(target, rate, duration).await;
            println!("{}", run.row("fixed"));
        }
    }
}

async fn one_run(target: &Target, rate: u64, duration: Duration) -> Run {
    target.settle().await;
    let total = (rate as f64 * duration.as_secs_f64()) as usize;
    // Idle connections per server: a request goes to its own server's connection.
    let idle: Arc<Mutex<std::collections::HashMap<String, Vec<Conn>>>> = Arc::default();
    // At most this many connections at once (a file-descriptor limit is not the server's
    // fault); waiting for one counts in the latency, which runs from the due time.
    let connections = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let ok = Arc::new(AtomicUsize::new(0));
    let shed = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    // The clock's Starts by what they were answered: saved, or shed.
    let saved_starts: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
    let shed_starts: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
    let counted_from = target.stored_so_far().await;
    let latencies: Arc<std::sync::Mutex<Vec<u64>>> = Arc::default();
    let began = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let mut sent = 0;
    for k in 0..total {
        let due = began + Duration::from_secs_f64(k as f64 / rate as f64);
        tokio::time::sleep_until(due.into()).await;
        let Some((base, request, start_id)) = target.request(k).await else {
            break;
        };
        sent += 1;
        let (idle, ok, shed, errors, latencies, connections) = (
            idle.clone(),
            ok.clone(),
            shed.clone(),
            errors.clone(),
            latencies.clone(),
            connections.clone(),
        );
        let (saved_starts, shed_starts) = (saved_starts.clone(), shed_starts.clone());
        let good = target.success();
        tasks.spawn(async move {
            let _permit = connections.acquire().await.expect("open");
            let conn = idle.lock().await.get_mut(&base).and_then(Vec::pop);
            let conn = match conn {
                Some(c) => Some(c),
                None => Conn::open(&base).await.ok(),
            };
            let Some(mut conn) = conn else {
                errors.fetch_add(1, Ordering::Relaxed);
                return;
            };
            match conn.exchange(&request).await {
                Ok((status, _, body)) => {
                    latencies
                        .lock()
                        .unwrap()
                        .push(due.elapsed().as_micros() as u64);
                    if good(status, &body) {
                        ok.fetch_add(1, Ordering::Relaxed);
                        saved_starts.lock().unwrap().extend(start_id);
                    } else if status == 503 {
                        shed.fetch_add(1, Ordering::Relaxed);
                        shed_starts.lock().unwrap().extend(start_id);
                    } else {
                        // The first few, to see why.
                        if errors.fetch_add(1, Ordering::Relaxed) < 3 {
                            eprintln!("  error answer: {status} {body:.300}");
                        }
                    }
                    idle.lock().await.entry(base).or_default().push(conn);
                }
                Err(_) => {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        // Reap what finished, so the set does not grow for the whole run.
        while tasks.try_join_next().is_some() {}
    }
    // What is not answered 10 s after the last request was due is cut off: an error, with the
    // cut-off as its latency (a lower bound).
    let cut_off = began + duration + Duration::from_secs(10);
    while let Ok(Some(_)) = tokio::time::timeout_at(cut_off.into(), tasks.join_next()).await {}
    let unfinished = tasks.len();
    tasks.abort_all();
    let elapsed = began.elapsed().min(duration + Duration::from_secs(10));
    let mut latencies = std::mem::take(&mut *latencies.lock().unwrap());
    for _ in 0..unfinished {
        errors.fetch_add(1, Ordering::Relaxed);
        latencies.push(duration.as_micros() as u64 + 10_000_000);
    }
    latencies.sort_unstable();
    let saved_starts = std::mem::take(&mut *saved_starts.lock().unwrap());
    let shed_starts = std::mem::take(&mut *shed_starts.lock().unwrap());
    let (lost, doubled) = match counted_from {
        Some(from) => {
            let (lost, doubled) = target.account(from, &saved_starts, &shed_starts).await;
            (Some(lost), Some(doubled))
        }
        None => (None, None),
    };
    Run {
        rate,
        sent,
        ok: ok.load(Ordering::Relaxed),
        shed: shed.load(Ordering::Relaxed),
        errors: errors.load(Ordering::Relaxed),
        lost,
        doubled,
        elapsed,
        latencies,
    }
}

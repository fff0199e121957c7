//! Recording a look at a person's file, before the answer that shows it leaves the server: no
//! file is seen without its row.

use super::{Seen, Whose, store};
use crate::db::Db;
use crate::error::AppError;
use crate::request::Ctx;

/// How many looks a page shows.
pub const SHOWN: i64 = 30;

/// An answer with people's data in it: whose.
pub trait Personal {
    fn whose(&self) -> Vec<Whose>;
}

impl Personal for Whose {
    fn whose(&self) -> Vec<Whose> {
        vec![*self]
    }
}

impl Personal for Vec<Whose> {
    fn whose(&self) -> Vec<Whose> {
        self.clone()
    }
}

impl Personal for crate::workers::WorkerFile {
    fn whose(&self) -> Vec<Whose> {
        vec![Whose::Worker(self.id)]
    }
}

impl Personal for crate::clients::ClientFile {
    fn whose(&self) -> Vec<Whose> {
        vec![Whose::Client(self.id)]
    }
}

impl Personal for crate::cheques::Wallet {
    fn whose(&self) -> Vec<Whose> {
        vec![Whose::Client(self.client_id)]
    }
}

/// The version for outside names nobody (its list is empty): no row.
impl Personal for crate::reports::MunicipalityReport {
    fn whose(&self) -> Vec<Whose> {
        self.workers
            .iter()
            .map(|w| Whose::Worker(w.worker_id))
            .collect()
    }
}

impl Personal for crate::allowances::AllowanceMonth {
    fn whose(&self) -> Vec<Whose> {
        self.lines
            .iter()
            .map(|l| Whose::Worker(l.worker_id))
            .collect()
    }
}

impl Personal for crate::payments::PaymentRun {
    fn whose(&self) -> Vec<Whose> {
        self.lines
            .iter()
            .map(|l| Whose::Worker(l.worker_id))
            .collect()
    }
}

/// The caller saw `what` of `answer`'s people: one row each, in one transaction of its own
/// (the read itself ran on a reading connection).
pub async fn seen(ctx: &Ctx, db: &Db, answer: &impl Personal, what: Seen) -> Result<(), AppError> {
    let whose = answer.whose();
    if whose.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for person in whose {
        store::insert(
            tx.c(),
            ctx.caller.organisation,
            ctx.caller.account,
            person,
            what,
            ctx.now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

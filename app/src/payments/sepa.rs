//! The bank file of a payment run: a SEPA credit transfer initiation, ISO 20022
//! `pain.001.001.09` (the version Belgian banks take since the EPC's 2019 rulebook; Febelfin's
//! "XML message for SEPA Credit Transfer Initiation"). One payment information block, debited
//! from the organisation's account, with one transfer per worker. Written as text: the message
//! is small and fixed, and `server/tests/api/payments.rs` validates every file against the
//! schema kept in `server/tests/api/schemas/` (where it came from: the README there).

use chrono::{DateTime, NaiveDate, Utc};

/// One transfer to a worker.
pub struct Transfer {
    /// Unique in the file, at most 35 characters.
    pub end_to_end_id: String,
    pub name: String,
    pub iban: String,
    pub amount_cents: i64,
    /// What the worker's bank statement says (at most 140 characters).
    pub remittance: String,
}

/// The whole file.
pub struct CreditTransfer {
    /// Unique per file, at most 35 characters.
    pub message_id: String,
    pub created_at: DateTime<Utc>,
    pub execution_date: NaiveDate,
    pub debtor_name: String,
    pub debtor_iban: String,
    pub debtor_bic: String,
    pub transfers: Vec<Transfer>,
}

impl CreditTransfer {
    pub fn total_cents(&self) -> i64 {
        self.transfers.iter().map(|t| t.amount_cents).sum()
    }

    /// The pain.001.001.09 document.
    pub fn xml(&self) -> String {
        let n = self.transfers.len();
        let sum = amount(self.total_cents());
        let created = self.created_at.format("%Y-%m-%dT%H:%M:%S");
        let mut x = String::with_capacity(1024 + 600 * n);
        x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.push_str(
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n",
        );
        x.push_str("  <CstmrCdtTrfInitn>\n    <GrpHdr>\n");
        x.push_str(&format!(
            "      <MsgId>{}</MsgId>\n      <CreDtTm>{created}</CreDtTm>\n      \
             <NbOfTxs>{n}</NbOfTxs>\n      <CtrlSum>{sum}</CtrlSum>\n      \
             <InitgPty><Nm>{}</Nm></InitgPty>\n",
            text(&self.message_id, 35),
            text(&self.debtor_name, 70),
        ));
        x.push_str("    </GrpHdr>\n    <PmtInf>\n");
        x.push_str(&format!(
            "      <PmtInfId>{}</PmtInfId>\n      <PmtMtd>TRF</PmtMtd>\n      \
             <NbOfTxs>{n}</NbOfTxs>\n      <CtrlSum>{sum}</CtrlSum>\n      \
             <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>\n      \
             <ReqdExctnDt><Dt>{}</Dt></ReqdExctnDt>\n      \
             <Dbtr><Nm>{}</Nm></Dbtr>\n      \
             <DbtrAcct><Id><IBAN>{}</IBAN></Id></DbtrAcct>\n      \
             <DbtrAgt><FinInstnId><BICFI>{}</BICFI></FinInstnId></DbtrAgt>\n      \
             <ChrgBr>SLEV</ChrgBr>\n",
            text(&self.message_id, 35),
            self.execution_date.format("%Y-%m-%d"),
            text(&self.debtor_name, 70),
            text(&self.debtor_iban, 34),
            text(&self.debtor_bic, 11),
        ));
        for t in &self.transfers {
            x.push_str(&format!(
                "      <CdtTrfTxInf>\n        <PmtId><EndToEndId>{}</EndToEndId></PmtId>\n        \
                 <Amt><InstdAmt Ccy=\"EUR\">{}</InstdAmt></Amt>\n        \
                 <Cdtr><Nm>{}</Nm></Cdtr>\n        \
                 <CdtrAcct><Id><IBAN>{}</IBAN></Id></CdtrAcct>\n        \
                 <RmtInf><Ustrd>{}</Ustrd></RmtInf>\n      </CdtTrfTxInf>\n",
                text(&t.end_to_end_id, 35),
                amount(t.amount_cents),
                text(&t.name, 70),
                text(&t.iban, 34),
                text(&t.remittance, 140),
            ));
        }
        x.push_str("    </PmtInf>\n  </CstmrCdtTrfInitn>\n</Document>\n");
        x
    }
}

/// Euro with a point and two decimals: 2460 cents are "24.60".
fn amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A text element's content: cut to `max` characters, in the character set the EPC allows in
/// SEPA messages (Latin letters, digits, `/ - ? : ( ) . , ' +` and space; an accented letter
/// loses its accent, anything else becomes a space), escaped for XML.
fn text(s: &str, max: usize) -> String {
    let plain: String = s
        .chars()
        .map(|c| match c {
            'a'..='z'
            | 'A'..='Z'
            | '0'..='9'
            | '/'
            | '-'
            | '?'
            | ':'
            | '('
            | ')'
            | '.'
            | ','
            | '\''
            | '+'
            | ' ' => c,
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'À' | 'Á' | 'Â' | 'Ä' => 'A',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'Ï' | 'Î' => 'I',
            'Ö' | 'Ô' => 'O',
            'Ü' | 'Û' => 'U',
            'Ç' => 'C',
            '’' | '‘' => '\'',
            _ => ' ',
        })
        .collect();
    let cut: String = plain.trim().chars().take(max).collect();
    // After the cut the text may end on a space: trimmed, and never empty (Max…Text has a
    // minimum length of 1).
    let cut = cut.trim_end();
    let cut = if cut.is_empty() { "-" } else { cut };
    cut.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_keep_to_the_sepa_character_set() {
        assert_eq!(text("Fatima Ouali", 70), "Fatima Ouali");
        assert_eq!(
            text("Hélène D’Haese & Zoë", 70),
            "Helene D&apos;Haese   Zoe"
        );
        assert_eq!(text("日本", 70), "-");
        assert_eq!(text("abcdef", 3), "abc");
        assert_eq!(amount(2460), "24.60");
        assert_eq!(amount(5), "0.05");
    }
}

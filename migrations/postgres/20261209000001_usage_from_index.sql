-- The hour limits are checked on every Start, Stop and hours entered: the month's and the
-- year's counted minutes of one wijk-werker (workers::store::usage). With status and minutes in
-- the index the sum reads the index alone, not a table row per prestatie of the year.
-- Kept in step with ../sqlite.
DROP INDEX time_entry_worker_date;
CREATE INDEX time_entry_worker_date ON time_entry (worker_id, work_date, status, minutes);

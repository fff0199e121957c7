-- The allowance export and the reports sum an organisation's prestaties of a period by work
-- day: this index keeps that a range read as the organisation grows.
CREATE INDEX time_entry_organisation_day ON time_entry (organisation_id, work_date);

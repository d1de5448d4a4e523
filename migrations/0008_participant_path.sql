-- 0008_participant_path: what a crowd study needs beyond its protocol: the texts a
-- participant reads (instructions, consent and its version), what they are told about
-- time and pay, a quota of test items each, a practice pass mark, the codes or URLs each
-- ending gives, a cap on participants, and the secret code of its public enrolment link;
-- per participant, the platform ids they arrived with and how their path went.
ALTER TABLE study ADD COLUMN instructions TEXT NOT NULL DEFAULT '';
ALTER TABLE study ADD COLUMN consent_text TEXT NOT NULL DEFAULT '';
ALTER TABLE study ADD COLUMN consent_version TEXT NOT NULL DEFAULT '';
ALTER TABLE study ADD COLUMN estimated_minutes INTEGER CHECK (estimated_minutes IS NULL OR estimated_minutes > 0);
ALTER TABLE study ADD COLUMN pay TEXT NOT NULL DEFAULT '';
-- Test items per participant; NULL: as many as the study has for them.
ALTER TABLE study ADD COLUMN quota INTEGER CHECK (quota IS NULL OR quota >= 1);
-- Share of practice answers that must be right to go on to the test; NULL: no screening.
ALTER TABLE study ADD COLUMN practice_pass REAL CHECK (practice_pass IS NULL OR (practice_pass >= 0 AND practice_pass <= 1));
-- Each is a code (shown, and sent to the platform) or an https URL to send the participant to.
ALTER TABLE study ADD COLUMN completion_code TEXT;
ALTER TABLE study ADD COLUMN screened_out_code TEXT;
ALTER TABLE study ADD COLUMN no_consent_code TEXT;
ALTER TABLE study ADD COLUMN participant_cap INTEGER CHECK (participant_cap IS NULL OR participant_cap >= 1);
-- The secret in /s/{code}; 24 hex digits.
ALTER TABLE study ADD COLUMN enrolment_code TEXT;
UPDATE study SET enrolment_code = lower(hex(randomblob(12)));
CREATE UNIQUE INDEX study_by_enrolment_code ON study(enrolment_code);

-- NULL platform: a named person with an invite link.
ALTER TABLE participant ADD COLUMN platform TEXT CHECK (platform IS NULL OR platform IN ('prolific', 'mturk'));
-- PROLIFIC_PID or workerId; STUDY_ID or hitId; SESSION_ID or assignmentId; MTurk's turkSubmitTo.
ALTER TABLE participant ADD COLUMN platform_pid TEXT;
ALTER TABLE participant ADD COLUMN platform_study TEXT;
ALTER TABLE participant ADD COLUMN platform_session TEXT;
ALTER TABLE participant ADD COLUMN turk_submit_to TEXT;
ALTER TABLE participant ADD COLUMN consented_at TEXT;
ALTER TABLE participant ADD COLUMN consent_version TEXT;
ALTER TABLE participant ADD COLUMN declined_at TEXT;
ALTER TABLE participant ADD COLUMN screened_out_at TEXT;
ALTER TABLE participant ADD COLUMN completed_at TEXT;
-- The same platform id resumes; it never enrols twice in one study.
CREATE UNIQUE INDEX participant_by_platform_id ON participant(study_id, platform, platform_pid) WHERE platform IS NOT NULL;

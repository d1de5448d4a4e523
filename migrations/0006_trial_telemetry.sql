-- 0006_trial_telemetry: what the page saw during each trial, for integrity checks, and
-- the browser each annotator signed in with. NULL where the client did not say (scripts,
-- judgements stored before this migration).
ALTER TABLE judgement ADD COLUMN hidden_count INTEGER CHECK (hidden_count IS NULL OR hidden_count >= 0);
ALTER TABLE judgement ADD COLUMN hidden_ms INTEGER CHECK (hidden_ms IS NULL OR hidden_ms >= 0);
ALTER TABLE judgement ADD COLUMN blur_count INTEGER CHECK (blur_count IS NULL OR blur_count >= 0);
ALTER TABLE judgement ADD COLUMN blur_ms INTEGER CHECK (blur_ms IS NULL OR blur_ms >= 0);
ALTER TABLE judgement ADD COLUMN fullscreen_exits INTEGER CHECK (fullscreen_exits IS NULL OR fullscreen_exits >= 0);
-- The window's and the displayed image's size in CSS pixels; device pixels are these times the ratio.
ALTER TABLE judgement ADD COLUMN viewport_width INTEGER CHECK (viewport_width IS NULL OR viewport_width > 0);
ALTER TABLE judgement ADD COLUMN viewport_height INTEGER CHECK (viewport_height IS NULL OR viewport_height > 0);
ALTER TABLE judgement ADD COLUMN device_pixel_ratio REAL CHECK (device_pixel_ratio IS NULL OR device_pixel_ratio > 0);
ALTER TABLE judgement ADD COLUMN image_width INTEGER CHECK (image_width IS NULL OR image_width >= 0);
ALTER TABLE judgement ADD COLUMN image_height INTEGER CHECK (image_height IS NULL OR image_height >= 0);
-- With an exposure time: from the frame that painted the image to the frame that masked it.
ALTER TABLE judgement ADD COLUMN measured_exposure_ms REAL CHECK (measured_exposure_ms IS NULL OR measured_exposure_ms >= 0);
-- The User-Agent of the annotator's latest sign-in.
ALTER TABLE annotator ADD COLUMN user_agent TEXT;

-- replicas look every poll interval for results checked or matched again since their last look
-- (ServerStore.versionsSince); checked_at has its index already
CREATE INDEX images_by_rematch ON images (rematched_at);

-- what the HTML report shows beyond the report (layers, packages, vulnerabilities) as JSON, so that a rematch can
-- render the page again with the new vulnerabilities and verdict without reading the image
ALTER TABLE images ADD COLUMN page TEXT;

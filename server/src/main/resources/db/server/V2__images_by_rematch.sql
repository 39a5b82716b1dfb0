-- replicas look every poll interval for results checked or matched again since their last look
-- (ServerStore.versionsSince); checked_at has its index already
CREATE INDEX images_by_rematch ON images (rematched_at);

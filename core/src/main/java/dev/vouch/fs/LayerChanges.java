package dev.vouch.fs;

/**
 * What one layer did to the filesystem, counted over files (not directories): paths it added, paths of lower
 * layers it replaced, paths it removed (whiteouts and opaque directories, counted file by file), the bytes of the
 * files it holds, and how many of those bytes a later layer hides (its remnant bytes).
 */
public record LayerChanges(
        int layer, int added, int modified, int removed, long addedBytes, long remnantBytes, boolean read) {}

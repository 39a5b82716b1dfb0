package dev.vouch.sbom;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Which layer introduced a package recorded in a database file that layers rewrite (dpkg's status, apk's
 * installed): the lowest layer from which every later copy of the database lists the package at the same version.
 * A layer that did not rewrite the database says nothing either way.
 */
final class Introduced {
    private Introduced() {}

    /**
     * @param byLayer each layer's copy of the database, parsed to name -> version, lowest layer first
     * @return the introducing layer, or the database's top layer when the lower copies do not show it
     */
    static int layer(NavigableMap<Integer, Map<String, String>> byLayer, String name, String version) {
        int intro = byLayer.isEmpty() ? -1 : byLayer.lastKey();
        for (var e : byLayer.descendingMap().entrySet()) {
            if (!version.equals(e.getValue().get(name))) {
                break;
            }
            intro = e.getKey();
        }
        return intro;
    }
}

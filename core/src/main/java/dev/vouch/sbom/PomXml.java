package dev.vouch.sbom;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The coordinates a Maven {@code pom.xml} declares (<a href="https://maven.apache.org/pom.html">POM reference</a>):
 * {@code project/groupId}, {@code artifactId} and {@code version}, the group and version falling back to {@code
 * project/parent}'s. Read with StAX, no DTD and no external entities; a value that is an unresolved {@code ${...}}
 * property is not a coordinate.
 */
record PomXml(String groupId, String artifactId, String version) {
    private static final int MAX_DEPTH = 64;

    static PomXml parse(byte[] xml) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
        Deque<String> path = new ArrayDeque<>();
        String group = null;
        String artifact = null;
        String version = null;
        String parentGroup = null;
        String parentVersion = null;
        try {
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    path.addLast(r.getLocalName());
                    if (path.size() > MAX_DEPTH) {
                        throw new XMLStreamException("pom.xml nests deeper than " + MAX_DEPTH);
                    }
                    String at = String.join("/", path);
                    switch (at) {
                        case "project/groupId" -> group = text(r);
                        case "project/artifactId" -> artifact = text(r);
                        case "project/version" -> version = text(r);
                        case "project/parent/groupId" -> parentGroup = text(r);
                        case "project/parent/version" -> parentVersion = text(r);
                        default -> {
                            continue;
                        }
                    }
                    path.removeLast(); // text() consumed the end element
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    path.pollLast();
                }
            }
        } finally {
            r.close();
        }
        return new PomXml(group != null ? group : parentGroup, artifact, version != null ? version : parentVersion);
    }

    private static String text(XMLStreamReader r) throws XMLStreamException {
        String t = r.getElementText().strip();
        return t.isEmpty() || t.contains("${") ? null : t;
    }

    boolean complete() {
        return groupId != null && artifactId != null && version != null;
    }
}

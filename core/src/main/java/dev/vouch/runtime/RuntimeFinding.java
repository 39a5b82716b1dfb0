package dev.vouch.runtime;

import dev.vouch.report.Finding;

/**
 * A runtime rule's finding with the <a href="https://www.cisecurity.org/benchmark/docker">CIS Docker Benchmark</a>
 * v1.6 recommendation it matches (null when none does) and what to change.
 */
public record RuntimeFinding(Finding finding, String cis, String fix) {}

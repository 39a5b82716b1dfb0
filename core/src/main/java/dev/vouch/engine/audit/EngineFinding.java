package dev.vouch.engine.audit;

import dev.vouch.report.Severity;

/**
 * One finding of {@code vouch engine}: vouch's rule id beside the <a
 * href="https://www.cisecurity.org/benchmark/docker">CIS Docker Benchmark</a> v1.6 recommendation it checks (null when
 * none does), the object it is about ({@code daemon}, a file, {@code container web (3f2a…)}) and what to change.
 */
public record EngineFinding(String id, String cis, Severity severity, String object, String message, String fix) {}

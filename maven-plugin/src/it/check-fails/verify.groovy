// The same build without a user runs as root: the baseline policy fails on not-root alone, and so does the build.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] verdict: fail')
assert log.contains('vouch: verdict fail (not-root); see ')
def report = new JsonSlurper().parse(new File(basedir, 'target/vouch/report.json'))
assert report.verdict == 'fail'
assert report.policy.findAll { !it.passed && it.severity == 'deny' }.collect { it.id } == ['not-root']
assert report.runtime.status == 'NEEDS_REVIEW'
assert report.runtime.facts.contains('user (none: root)')
assert report.runtime.findings.collect { it.id } == ['CK020']
true

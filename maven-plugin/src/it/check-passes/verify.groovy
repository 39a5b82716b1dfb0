// The image Jib built as uid 65532 on the Debian fixture passes the baseline policy: no deny rule fails, and the
// one warning is that no vulnerability database was given.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] verdict: pass')
def report = new JsonSlurper().parse(new File(basedir, 'target/vouch/report.json'))
assert report.verdict == 'pass'
assert report.policy.findAll { !it.passed }.collect { it.id + ':' + it.severity } == ['vulnerabilities-checked:warn']
assert report.image.endsWith('target/jib-image.tar')
assert report.origin.facts.contains('base image VERIFIED docker-archive:' + new File(basedir, '../../../../target/fixtures/debian.tar').canonicalPath)
assert report.contents.facts.contains('96 package(s) {deb=96}')
assert report.runtime.status == 'VERIFIED'
assert report.runtime.facts.contains('user 65532')
assert report.runtime.findings == []
assert new File(basedir, 'target/vouch/report.sarif').text.contains('"version" : "2.1.0"')
assert new File(basedir, 'target/vouch/report.html').text.startsWith('<!DOCTYPE html>')
true

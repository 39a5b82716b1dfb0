// -Dvouch.skip=true: the image is built, nothing is checked, nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains('vouch: skipped')
assert new File(basedir, 'target/jib-image.tar').isFile()
assert !new File(basedir, 'target/vouch').exists()
true

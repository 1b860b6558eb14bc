// Run by archetype:integration-test after the generated project's `mvn verify`: the application started clean on
// Open Liberty. Its messages.log (from server start to stop, the integration test in between) may hold the library's
// own numbered lines (MERCURE0001I ...), never a warning, an error or a line on System.err (such as slf4j's
// "No SLF4J providers were found").
// the generated project (the build filters this file with the archetype module's test output directory)
def project = new File("@project.build.testOutputDirectory@/projects/hello/project/hello")
def log = new File(project, "target/liberty/wlp/usr/servers/defaultServer/logs/messages.log")
if (!log.isFile()) {
    throw new AssertionError("no Open Liberty log at " + log)
}
// [date] thread logger LEVEL message: W, E, F are warnings and worse, R is System.err
def unclean = log.readLines().findAll { it ==~ /^\[[^\]]+\] \S+ +\S+ +([WEF]|R) .*/ || it.contains("SLF4J") }
        .findAll { !(it =~ / MERCURE\d{4}[A-Z] /) }
if (!unclean.isEmpty()) {
    throw new AssertionError("the generated application's server log is not clean:\n" + unclean.join("\n"))
}
println "Open Liberty log of the generated application: clean (" + log.readLines().size() + " lines)"
return true

using FsCheck.Xunit;

// Every property starts from the same seed on every run, so a failure in CI is a failure on any machine. To explore new
// cases locally change the seed; a failing case prints its own Replay value, to be frozen as a plain [Fact].
[assembly: Properties(Replay = "20261126,24681")]

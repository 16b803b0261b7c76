using FsCheck.Xunit;

// CI must be reproducible: every property starts from the same seed on every run, so a failure in CI is a failure on any
// machine. To explore new cases locally, change the seed (or remove this line); a failing case prints its own Replay value,
// which then belongs in a *Regressions.cs file as a plain [Fact].
[assembly: Properties(Replay = "20261126,13579")]

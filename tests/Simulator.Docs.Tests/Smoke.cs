namespace Simulator.Docs.Tests; public class Smoke { [Fact] public void Builds() => true.ShouldBeTrue(); }

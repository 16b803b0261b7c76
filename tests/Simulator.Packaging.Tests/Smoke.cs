namespace Simulator.Packaging.Tests; public class Smoke { [Fact] public void Builds() => true.ShouldBeTrue(); }

namespace Simulator.Testing.Tests; public class Smoke { [Fact] public void Builds() => true.ShouldBeTrue(); }

namespace Simulator.Plotting.Tests; public class Smoke { [Fact] public void Builds() => true.ShouldBeTrue(); }

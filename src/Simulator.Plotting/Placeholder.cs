namespace Simulator.Plotting;

/// <summary>Being written.</summary>
public static class RolloutPlot
{
}

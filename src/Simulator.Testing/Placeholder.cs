namespace Simulator.Testing;

/// <summary>Entry point of the fluent test builders (being written).</summary>
public static class Cluster
{
}

namespace Simulator.Scheduling.Rules;

/// <summary>
/// Score: prefers nodes whose CPU and memory would be used in similar proportions after placing the pod:
/// <c>(1 - stddev(cpuFraction, memoryFraction)) * 100</c>, computed exactly in integers.
/// </summary>
/// <remarks>
/// As kube-scheduler does, the fractions use actual requests (not the 100m/200Mi scoring defaults), a resource the node does not
/// advertise is left out (one fraction alone has no deviation), and a pod that requests neither CPU nor memory is not scored by
/// this rule (every node gets 0), so best-effort pods are not all drawn to one node.
/// </remarks>
public sealed class NodeResourcesBalancedAllocation : IScoreRule
{
    /// <inheritdoc/>
    public string Name => "NodeResourcesBalancedAllocation";

    /// <inheritdoc/>
    public long Score(PodSchedulingContext pod, NodeInfo node)
    {
        if (pod.Requests.MilliCpu == 0 && pod.Requests.Memory == 0)
        {
            return 0;
        }

        var allocatable = node.Allocatable;
        var requested = node.Usage.Requested + pod.Requests;
        if (allocatable.MilliCpu <= 0 || allocatable.Memory <= 0)
        {
            return ScoreNormalization.MaxNodeScore;
        }

        // In float64 as balanced_allocation.go computes it: fractions capped at 1, with two resources the standard deviation is
        // |f1 - f2| / 2, and (1 - std) * 100 is truncated towards zero.
        var cpu = Math.Min((double)requested.MilliCpu / allocatable.MilliCpu, 1);
        var memory = Math.Min((double)requested.Memory / allocatable.Memory, 1);
        var deviation = Math.Abs((cpu - memory) / 2);
        return (long)((1 - deviation) * ScoreNormalization.MaxNodeScore);
    }

    /// <inheritdoc/>
    public void Normalize(PodSchedulingContext pod, Span<long> scores)
    {
        // Scores are already 0..100.
    }
}

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

        // Fractions are capped at 1; with two resources the standard deviation is |f1 - f2| / 2.
        Int128 cpu = Math.Min(requested.MilliCpu, allocatable.MilliCpu);
        Int128 mem = Math.Min(requested.Memory, allocatable.Memory);
        Int128 a1 = allocatable.MilliCpu;
        Int128 a2 = allocatable.Memory;
        var diff = Int128.Abs((cpu * a2) - (mem * a1));
        var denominator = a1 * a2;
        // Kubernetes truncates (1 - std) * 100 towards zero, so the deviation part rounds up.
        var numerator = diff * ScoreNormalization.MaxNodeScore;
        var divisor = 2 * denominator;
        return ScoreNormalization.MaxNodeScore - (long)((numerator + divisor - 1) / divisor);
    }

    /// <inheritdoc/>
    public void Normalize(PodSchedulingContext pod, Span<long> scores)
    {
        // Scores are already 0..100.
    }
}

namespace Simulator.Scheduling.Rules;

/// <summary>
/// Filter: the pod count and every requested resource must fit the node's allocatable minus what bound pods request
/// (equality fits; a resource the node does not advertise counts as zero). Score: least allocated (more free CPU and memory is better).
/// </summary>
/// <remarks>
/// As in recent kube-scheduler releases, a failure is <see cref="FilterCode.UnschedulableAndUnresolvable"/> when some request
/// exceeds the node's whole allocatable (evicting pods cannot help); otherwise it is <see cref="FilterCode.Unschedulable"/>.
/// </remarks>
public sealed class NodeResourcesFit : IFilterRule, IScoreRule
{
    /// <summary>The reason when the pod count is exhausted.</summary>
    public const string TooManyPods = "Too many pods";

    /// <inheritdoc/>
    public string Name => "NodeResourcesFit";

    /// <summary>The insufficiency reasons, in Kubernetes' order (pods, cpu, memory, ephemeral-storage, extended resources by name).</summary>
    /// <param name="pod">The attempt's context.</param>
    /// <param name="node">The node.</param>
    /// <returns>The reasons; empty when the pod fits.</returns>
    public static List<string> InsufficientResources(PodSchedulingContext pod, NodeInfo node)
    {
        List<string>? reasons = null;
        Check(pod, node, ref reasons);
        return reasons ?? [];
    }

    /// <summary>
    /// Whether the pod fits; each shortfall is added to <paramref name="reasons"/>, which is made only when there is one (the
    /// filter runs this for every node of every attempt, and most nodes fit).
    /// </summary>
    private static bool Check(PodSchedulingContext pod, NodeInfo node, ref List<string>? reasons)
    {
        var allocatable = node.Allocatable;
        var used = node.Usage.Requested;
        var req = pod.Requests;
        if (node.Usage.PodCount + 1 > allocatable.Pods)
        {
            (reasons ??= []).Add(TooManyPods);
        }

        if (req.MilliCpu > 0 && req.MilliCpu > allocatable.MilliCpu - used.MilliCpu)
        {
            (reasons ??= []).Add("Insufficient cpu");
        }

        if (req.Memory > 0 && req.Memory > allocatable.Memory - used.Memory)
        {
            (reasons ??= []).Add("Insufficient memory");
        }

        if (req.EphemeralStorage > 0 && req.EphemeralStorage > allocatable.EphemeralStorage - used.EphemeralStorage)
        {
            (reasons ??= []).Add("Insufficient ephemeral-storage");
        }

        foreach (var scalar in req.Scalars)
        {
            if (scalar.Value > 0 && scalar.Value > allocatable.Scalar(scalar.Key) - used.Scalar(scalar.Key))
            {
                (reasons ??= []).Add("Insufficient " + scalar.Key);
            }
        }

        return reasons is null;
    }

    /// <inheritdoc/>
    public FilterResult Filter(PodSchedulingContext pod, NodeInfo node)
    {
        List<string>? reasons = null;
        if (Check(pod, node, ref reasons))
        {
            return FilterResult.Success;
        }

        return ExceedsAllocatable(pod.Requests, node.Allocatable) ? FilterResult.Unresolvable([.. reasons!]) : FilterResult.Unschedulable([.. reasons!]);
    }

    // fit.go marks an insufficient resource unresolvable when the request alone is larger than the node's allocatable.
    private static bool ExceedsAllocatable(ResourceAmounts req, ResourceAmounts allocatable)
    {
        if (req.MilliCpu > allocatable.MilliCpu || req.Memory > allocatable.Memory || req.EphemeralStorage > allocatable.EphemeralStorage)
        {
            return true;
        }

        foreach (var scalar in req.Scalars)
        {
            if (scalar.Value > allocatable.Scalar(scalar.Key))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public long Score(PodSchedulingContext pod, NodeInfo node)
    {
        var allocatable = node.Allocatable;
        var requested = node.Usage.NonZeroRequested + pod.NonZeroRequests;
        return (LeastAllocated(requested.MilliCpu, allocatable.MilliCpu) + LeastAllocated(requested.Memory, allocatable.Memory)) / 2;
    }

    /// <inheritdoc/>
    public void Normalize(PodSchedulingContext pod, Span<long> scores)
    {
        // Scores are already 0..100.
    }

    private static long LeastAllocated(long requested, long capacity)
    {
        if (capacity == 0 || requested > capacity)
        {
            return 0;
        }

        // In 64 bits as least_allocated.go computes it; 128 only for capacities so large the product would overflow.
        var free = capacity - requested;
        return free <= long.MaxValue / ScoreNormalization.MaxNodeScore
            ? free * ScoreNormalization.MaxNodeScore / capacity
            : (long)((Int128)free * ScoreNormalization.MaxNodeScore / capacity);
    }
}

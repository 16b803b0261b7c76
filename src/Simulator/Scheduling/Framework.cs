using System.Runtime.CompilerServices;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Scheduling;

/// <summary>The outcome class of a filter, as the scheduler framework's status codes.</summary>
public enum FilterCode
{
    /// <summary>The node passes.</summary>
    Success,

    /// <summary>The node fails, but removing pods (preemption) might help.</summary>
    Unschedulable,

    /// <summary>The node fails and preemption cannot help.</summary>
    UnschedulableAndUnresolvable,
}

/// <summary>A filter's verdict on one node: a code and, on failure, the reasons in Kubernetes' words.</summary>
/// <param name="Code">The code.</param>
/// <param name="Reasons">The failure reasons (one entry per reason, e.g. <c>Insufficient cpu</c> and <c>Insufficient memory</c>).</param>
public readonly record struct FilterResult(FilterCode Code, EquatableArray<string> Reasons)
{
    /// <summary>Passing.</summary>
    public static FilterResult Success => default;

    /// <summary>Whether the node passes.</summary>
    public bool IsSuccess => Code == FilterCode.Success;

    /// <summary>A failure preemption might fix.</summary>
    /// <param name="reasons">The reasons.</param>
    /// <returns>The result.</returns>
    public static FilterResult Unschedulable(params string[] reasons) => new(FilterCode.Unschedulable, EquatableArray.Create(reasons));

    /// <summary>A failure preemption cannot fix.</summary>
    /// <param name="reasons">The reasons.</param>
    /// <returns>The result.</returns>
    public static FilterResult Unresolvable(params string[] reasons) => new(FilterCode.UnschedulableAndUnresolvable, EquatableArray.Create(reasons));
}

/// <summary>One node as the scheduler sees it: the node and what its bound pods use.</summary>
public readonly record struct NodeInfo
{
    // Parsed once per node status: every filter and score of every attempt reads it, and quantities are costly to parse. The
    // view holds the parsed value by reference, so looking it up costs once per view, not once per rule.
    private static readonly ConditionalWeakTable<NodeStatus, StrongBox<ResourceAmounts>> AllocatableByStatus = [];

    private readonly StrongBox<ResourceAmounts> _allocatable;

    /// <summary>Creates the view of a node.</summary>
    /// <param name="node">The node.</param>
    /// <param name="usage">The usage of its bound, non-terminal pods.</param>
    public NodeInfo(Node node, NodeUsage usage)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        Usage = usage;
        _allocatable = AllocatableByStatus.GetValue(node.Status, static status => new StrongBox<ResourceAmounts>(ResourceAmounts.From(status.Allocatable)));
    }

    /// <summary>The node.</summary>
    public Node Node { get; }

    /// <summary>The usage of its bound, non-terminal pods.</summary>
    public NodeUsage Usage { get; init; }

    /// <summary>The node's allocatable resources.</summary>
    public ResourceAmounts Allocatable => _allocatable.Value;

    /// <inheritdoc/>
    public bool Equals(NodeInfo other) => Equals(Node, other.Node) && Equals(Usage, other.Usage);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Node, Usage);
}

/// <summary>
/// Per-pod values computed once per scheduling attempt and shared by every rule (the framework's CycleState).
/// </summary>
public sealed class PodSchedulingContext
{
    /// <summary>Creates the context for one attempt.</summary>
    /// <param name="pod">The pod being scheduled.</param>
    /// <param name="state">The cluster snapshot.</param>
    public PodSchedulingContext(Pod pod, ClusterState state)
    {
        Pod = pod;
        State = state;
        Requests = PodRequests.Compute(pod.Spec);
        NonZeroRequests = PodRequests.ComputeNonZero(pod.Spec);
        HostPorts = HostPortUse.Of(pod.Spec);
    }

    /// <summary>The pod.</summary>
    public Pod Pod { get; }

    /// <summary>The cluster snapshot the attempt reads.</summary>
    public ClusterState State { get; }

    /// <summary>The pod's effective requests.</summary>
    public ResourceAmounts Requests { get; }

    /// <summary>The pod's requests with scoring defaults for missing CPU and memory.</summary>
    public ResourceAmounts NonZeroRequests { get; }

    /// <summary>The host ports the pod wants.</summary>
    public EquatableArray<HostPortUse> HostPorts { get; }
}

/// <summary>A named scheduler rule (a plugin of the scheduler framework).</summary>
public interface ISchedulerRule
{
    /// <summary>The rule's name, as in Kubernetes (e.g. <c>NodeAffinity</c>).</summary>
    string Name { get; }
}

/// <summary>A rule that may narrow the candidate nodes before filtering (the framework's PreFilter with a node set).</summary>
public interface IPreFilterRule : ISchedulerRule
{
    /// <summary>The only nodes worth filtering, or null for "all nodes".</summary>
    /// <param name="pod">The attempt's context.</param>
    /// <returns>The candidate node names, or null.</returns>
    IReadOnlyCollection<string>? CandidateNodes(PodSchedulingContext pod);
}

/// <summary>A filter: can the pod run on this node? Stateless and pure.</summary>
public interface IFilterRule : ISchedulerRule
{
    /// <summary>Filters one node.</summary>
    /// <param name="pod">The attempt's context.</param>
    /// <param name="node">The node.</param>
    /// <returns>The verdict.</returns>
    FilterResult Filter(PodSchedulingContext pod, NodeInfo node);
}

/// <summary>A score rule: how good is this feasible node? Raw scores are normalised to 0..100 and weighted by the profile.</summary>
public interface IScoreRule : ISchedulerRule
{
    /// <summary>The raw score of one node.</summary>
    /// <param name="pod">The attempt's context.</param>
    /// <param name="node">The node.</param>
    /// <returns>The raw score.</returns>
    long Score(PodSchedulingContext pod, NodeInfo node);

    /// <summary>Normalises the raw scores of all feasible nodes to 0..100 in place.</summary>
    /// <param name="pod">The attempt's context.</param>
    /// <param name="scores">The raw scores, one per feasible node.</param>
    void Normalize(PodSchedulingContext pod, Span<long> scores);
}

/// <summary>Score normalisation helpers shared by rules (the framework's <c>DefaultNormalizeScore</c>).</summary>
public static class ScoreNormalization
{
    /// <summary>The highest node score.</summary>
    public const long MaxNodeScore = 100;

    /// <summary>Scales scores so the largest becomes 100; with <paramref name="reverse"/>, subtracts the result from 100.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="reverse">Whether lower raw scores are better.</param>
    public static void Default(Span<long> scores, bool reverse)
    {
        long max = 0;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (max == 0)
            {
                scores[i] = reverse ? MaxNodeScore : 0;
                continue;
            }

            var scaled = MaxNodeScore * scores[i] / max;
            scores[i] = reverse ? MaxNodeScore - scaled : scaled;
        }
    }
}

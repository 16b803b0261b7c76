using Simulator.Model;

namespace Simulator.Scheduling.Rules;

/// <summary>Rejects cordoned nodes unless the pod tolerates <c>node.kubernetes.io/unschedulable:NoSchedule</c> (DaemonSet pods do).</summary>
public sealed class NodeUnschedulable : IFilterRule
{
    /// <summary>The failure reason.</summary>
    public const string Reason = "node(s) were unschedulable";

    private static readonly Taint UnschedulableTaint = new(WellKnownTaints.Unschedulable, "", TaintEffect.NoSchedule);

    /// <inheritdoc/>
    public string Name => "NodeUnschedulable";

    /// <inheritdoc/>
    public FilterResult Filter(PodSchedulingContext pod, NodeInfo node)
    {
        if (!node.Node.Spec.Unschedulable || Toleration.AnyTolerates(pod.Pod.Spec.Tolerations, UnschedulableTaint))
        {
            return FilterResult.Success;
        }

        return FilterResult.Unresolvable(Reason);
    }
}

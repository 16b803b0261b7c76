namespace Simulator.Scheduling.Rules;

/// <summary>Rejects every node but the one named in <c>spec.nodeName</c>, when the pod names one.</summary>
public sealed class NodeName : IFilterRule
{
    /// <summary>The failure reason.</summary>
    public const string Reason = "node(s) didn't match the requested node name";

    /// <inheritdoc/>
    public string Name => "NodeName";

    /// <inheritdoc/>
    public FilterResult Filter(PodSchedulingContext pod, NodeInfo node)
    {
        var wanted = pod.Pod.Spec.NodeName;
        return wanted.Length == 0 || wanted == node.Node.Name ? FilterResult.Success : FilterResult.Unresolvable(Reason);
    }
}

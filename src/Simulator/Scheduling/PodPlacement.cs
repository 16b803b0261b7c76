using Simulator.Model;

namespace Simulator.Scheduling;

/// <summary>Helpers about where a pod is or is meant to be.</summary>
public static class PodPlacement
{
    /// <summary>
    /// The pod's target node, as Kubernetes' <c>GetTargetNodeName</c>: <c>spec.nodeName</c> if set, else the single value of the first
    /// <c>matchFields metadata.name In [x]</c> requirement in the required node affinity, else null.
    /// </summary>
    /// <param name="pod">The pod.</param>
    /// <returns>The node name, or null.</returns>
    public static string? TargetNodeName(Pod pod) => pod.IsBound ? pod.Spec.NodeName : PinnedNodeName(pod.Spec);

    /// <summary>The node a <c>metadata.name In [x]</c> field requirement pins the pod to, or null.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The node name, or null.</returns>
    public static string? PinnedNodeName(PodSpec spec)
    {
        var required = spec.Affinity?.NodeAffinity?.Required;
        if (required is null)
        {
            return null;
        }

        foreach (var term in required.NodeSelectorTerms)
        {
            foreach (var field in term.MatchFields)
            {
                if (field.Key == NodeFieldSelectorKeys.NodeName && field.Operator == SelectorOperator.In && field.Values.Count == 1)
                {
                    return field.Values[0];
                }
            }
        }

        return null;
    }
}

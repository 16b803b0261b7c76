using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>The DaemonSet controller's verdict for one node (<c>NodeShouldRunDaemonPod</c>).</summary>
/// <param name="ShouldRun">If the node has no daemon pod, one should be created.</param>
/// <param name="ShouldContinueRunning">If the node already has a daemon pod, it may stay.</param>
public readonly record struct NodeVerdict(bool ShouldRun, bool ShouldContinueRunning);

/// <summary>
/// Which nodes should run a daemon pod, exactly as the Kubernetes DaemonSet controller decides it: template nodeName, then
/// nodeSelector AND required node affinity, then NoSchedule/NoExecute taints against the template's tolerations plus the
/// automatic DaemonSet tolerations. Resources, ports, cordon and node conditions are deliberately not considered.
/// </summary>
public static class DaemonSetPredicates
{
    private static readonly Toleration[] AlwaysAdded =
    [
        new(WellKnownTaints.NotReady, TolerationOperator.Exists, "", TaintEffect.NoExecute),
        new(WellKnownTaints.Unreachable, TolerationOperator.Exists, "", TaintEffect.NoExecute),
        new(WellKnownTaints.DiskPressure, TolerationOperator.Exists, "", TaintEffect.NoSchedule),
        new(WellKnownTaints.MemoryPressure, TolerationOperator.Exists, "", TaintEffect.NoSchedule),
        new(WellKnownTaints.PidPressure, TolerationOperator.Exists, "", TaintEffect.NoSchedule),
        new(WellKnownTaints.Unschedulable, TolerationOperator.Exists, "", TaintEffect.NoSchedule),
    ];

    private static readonly Toleration NetworkUnavailable = new(WellKnownTaints.NetworkUnavailable, TolerationOperator.Exists, "", TaintEffect.NoSchedule);

    /// <summary>
    /// The tolerations every daemon pod carries: the template's, with the automatic ones applied in Kubernetes' order
    /// (an existing toleration with the same key, operator, value and effect is replaced in place, losing its tolerationSeconds;
    /// otherwise the automatic one is appended). <c>network-unavailable</c> only with <c>hostNetwork</c>.
    /// </summary>
    /// <param name="template">The pod template spec.</param>
    /// <returns>The tolerations.</returns>
    public static EquatableArray<Toleration> DaemonPodTolerations(PodSpec template)
    {
        var list = new List<Toleration>(template.Tolerations.Count + AlwaysAdded.Length + 1);
        list.AddRange(template.Tolerations);
        foreach (var auto in AlwaysAdded)
        {
            AddOrReplace(list, auto);
        }

        if (template.HostNetwork)
        {
            AddOrReplace(list, NetworkUnavailable);
        }

        return list.ToEquatableArray();
    }

    /// <summary>Decides for one node, computing the daemon pod's tolerations on the fly.</summary>
    /// <param name="node">The node.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>The verdict.</returns>
    public static NodeVerdict NodeShouldRunDaemonPod(Node node, DaemonSet ds) =>
        NodeShouldRunDaemonPod(node, ds.Spec.Template.Spec, DaemonPodTolerations(ds.Spec.Template.Spec));

    /// <summary>Decides for one node with precomputed daemon pod tolerations (the hot path).</summary>
    /// <param name="node">The node.</param>
    /// <param name="template">The DaemonSet's pod template spec.</param>
    /// <param name="tolerations">The result of <see cref="DaemonPodTolerations"/> for the template.</param>
    /// <returns>The verdict.</returns>
    public static NodeVerdict NodeShouldRunDaemonPod(Node node, PodSpec template, EquatableArray<Toleration> tolerations)
    {
        if (template.NodeName.Length != 0 && template.NodeName != node.Name)
        {
            return default;
        }

        if (!Scheduling.Rules.NodeAffinity.RequiredMatches(template, node))
        {
            return default;
        }

        var noScheduleTolerated = true;
        foreach (var taint in node.Spec.Taints)
        {
            if (taint.Effect == TaintEffect.NoExecute)
            {
                if (!Toleration.AnyTolerates(tolerations, taint))
                {
                    return default;
                }
            }
            else if (taint.Effect == TaintEffect.NoSchedule && noScheduleTolerated && !Toleration.AnyTolerates(tolerations, taint))
            {
                noScheduleTolerated = false;
            }
        }

        return new NodeVerdict(noScheduleTolerated, true);
    }

    private static void AddOrReplace(List<Toleration> list, Toleration toleration)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].MatchesToleration(toleration))
            {
                list[i] = toleration;
                return;
            }
        }

        list.Add(toleration);
    }
}

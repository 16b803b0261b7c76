using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>Builds the pod the DaemonSet controller creates for a node (§6.2, §5.6).</summary>
public static class DaemonPodFactory
{
    /// <summary>
    /// The new pod: the template with the revision hash and template generation labels, the automatic tolerations, the required node
    /// affinity replaced by one <c>metadata.name In [node]</c> term (nodeSelector and preferred terms kept), <c>generateName</c>
    /// <c>&lt;ds&gt;-</c> and a controller owner reference. The name is left for the API server to generate.
    /// </summary>
    /// <param name="plan">The DaemonSet's plan.</param>
    /// <param name="nodeName">The node.</param>
    /// <returns>The pod.</returns>
    public static Pod Create(DaemonSetPlan plan, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var ds = plan.DaemonSet;
        var template = ds.Spec.Template;
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                GenerateName = ds.Name + "-",
                Namespace = ds.Namespace,
                Labels = plan.PodLabels,
                Annotations = template.Metadata.Annotations,
                OwnerReferences = plan.PodOwners,
            },
            Spec = template.Spec with
            {
                Tolerations = plan.Tolerations,
                Affinity = PinToNode(template.Spec.Affinity, nodeName),
            },
        };
    }

    /// <summary>Kubernetes' <c>ReplaceDaemonSetPodNodeNameNodeAffinity</c>: the required terms become one node-name term.</summary>
    /// <param name="affinity">The template's affinity.</param>
    /// <param name="nodeName">The node.</param>
    /// <returns>The pod's affinity.</returns>
    public static Affinity PinToNode(Affinity? affinity, string nodeName)
    {
        var required = NodeSelector.Of(NodeSelectorTerm.ForNodeName(nodeName));
        var nodeAffinity = affinity?.NodeAffinity ?? new NodeAffinity();
        return (affinity ?? new Affinity()) with { NodeAffinity = nodeAffinity with { Required = required } };
    }
}
